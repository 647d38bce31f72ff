package io.backupscheduler.lib.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill(2) on real process groups of this host (Linux with setsid). */
class GroupSignalTest {
    @TempDir
    Path dir;

    private Path setsid;

    @BeforeEach
    void linuxWithSetsid() {
        assumeTrue(System.getProperty("os.name").toLowerCase().startsWith("linux"), "kill(2) on a group is bound on Linux only");
        setsid = HostTools.find("setsid").orElse(null);
        assumeTrue(setsid != null, "needs setsid for a process group");
    }

    @Test
    void aSignalReachesEveryProcessOfTheGroup() throws Exception {
        Path childPid = dir.resolve("child.pid");
        Process leader = new ProcessBuilder(setsid.toString(), "/bin/sh", "-c",
                "sleep 300 & echo $! > " + childPid + ".tmp; mv " + childPid + ".tmp " + childPid + "; wait").start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(childPid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long child = Long.parseLong(Files.readString(childPid).trim());

        assertThat(GroupSignal.send(leader.pid(), "TERM")).isEqualTo(GroupSignal.Result.SENT);

        assertThat(leader.waitFor(10, TimeUnit.SECONDS)).as("the group's leader ended").isTrue();
        assertThat(leader.exitValue()).as("by SIGTERM").isEqualTo(128 + 15);
        assertThat(awaitGone(child)).as("the background child, in the same group, ended too").isTrue();
    }

    @Test
    void aGroupWithNobodyLeftIsSaidToBeGone() throws Exception {
        Process leader = new ProcessBuilder(setsid.toString(), "/bin/true").start();
        assertThat(leader.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(GroupSignal.send(leader.pid(), "KILL")).isEqualTo(GroupSignal.Result.GONE);
    }

    @Test
    void whatItCannotSendIsLeftToTheCaller() {
        assertThat(GroupSignal.send(ProcessHandle.current().pid(), "HUP")).as("not one of the four it knows")
                .isEqualTo(GroupSignal.Result.UNAVAILABLE);
        assertThat(GroupSignal.send(1, "KILL")).as("never the whole system").isEqualTo(GroupSignal.Result.UNAVAILABLE);
    }

    private static boolean awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
