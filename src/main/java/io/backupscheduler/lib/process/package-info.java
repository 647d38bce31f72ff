/**
 * Running one external command in isolation: argument list, own process group, allow-listed environment, capped
 * log, limits (cgroup v2, else prlimit / nice / duty-cycle / ionice), timeout, cancel, usage sampling.
 * May use: nothing of the application; OSHI, and JNA (which OSHI brings) for kill(2).
 */
package io.backupscheduler.lib.process;
