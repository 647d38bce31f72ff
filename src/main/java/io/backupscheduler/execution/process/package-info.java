/**
 * Running one external command in isolation: argument list, own process group, allow-listed environment,
 * capped log, limits (cgroup v2, else prlimit / nice / duty-cycle / ionice), timeout, cancel, usage sampling.
 * Plain Java plus OSHI; knows nothing of jobs, queues or the server.
 */
package io.backupscheduler.execution.process;
