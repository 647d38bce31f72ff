package io.backupscheduler.lib.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signals a whole process group with the kill(2) call itself, through JNA (which OSHI brings). Starting kill(1)
 * for it cost about 8 ms, and every run ends with one: a quarter of what confining a short command cost. Linux
 * only, on the architectures with the common signal numbers; elsewhere, or where libc cannot be bound, the answer
 * is {@link Result#UNAVAILABLE} and the caller starts kill(1) as before.
 */
final class GroupSignal {
    private static final Logger LOG = Logger.getLogger(GroupSignal.class.getName());
    private static final int NO_SUCH_PROCESS = 3; // ESRCH
    /** Numbers shared by Linux on x86, ARM, RISC-V, POWER and s390 (MIPS, SPARC, Alpha and PA-RISC differ). */
    private static final Map<String, Integer> NUMBERS = Map.of("TERM", 15, "KILL", 9, "STOP", 19, "CONT", 18);
    private static final Set<String> COMMON_NUMBERING = Set.of("amd64", "x86_64", "x86", "i386", "i686", "aarch64",
            "arm", "riscv64", "ppc64le", "ppc64", "s390x");

    enum Result {
        /** Delivered to the group. */
        SENT,
        /** No process is left in the group. */
        GONE,
        /** Not possible this way here (not Linux, libc not bound, or refused): use kill(1). */
        UNAVAILABLE
    }

    private interface CLibrary extends Library {
        int kill(int pid, int signal) throws LastErrorException;
    }

    private GroupSignal() {
    }

    /** Sends {@code signal} (TERM, KILL, STOP or CONT) to every process of the group {@code groupId}. */
    static Result send(long groupId, String signal) {
        Integer number = NUMBERS.get(signal);
        CLibrary libc = Bound.LIBC;
        if (number == null || libc == null || groupId <= 1 || groupId > Integer.MAX_VALUE) {
            return Result.UNAVAILABLE;
        }
        try {
            libc.kill(-(int) groupId, number);
            return Result.SENT;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == NO_SUCH_PROCESS) {
                return Result.GONE;
            }
            LOG.fine(() -> "kill(-" + groupId + ", SIG" + signal + ") failed: errno " + e.getErrorCode());
            return Result.UNAVAILABLE;
        }
    }

    /** libc, bound on first use; null where it cannot or should not be. */
    private static final class Bound {
        static final CLibrary LIBC = bind();

        private static CLibrary bind() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (!os.startsWith("linux") || !COMMON_NUMBERING.contains(arch)) {
                return null;
            }
            try {
                return Native.load("c", CLibrary.class);
            } catch (LinkageError | RuntimeException e) {
                LOG.log(Level.INFO, "libc could not be bound; process groups are signalled with kill(1)", e);
                return null;
            }
        }
    }
}
