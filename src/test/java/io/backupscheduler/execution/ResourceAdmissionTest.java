package io.backupscheduler.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceAdmissionTest {
    private static final AdmissionThresholds LIMITS = new AdmissionThresholds(90, 256, 1024, 100, 0);

    @Test
    void aQuietHostAdmitsAnything() {
        SystemSnapshot quiet = new SystemSnapshot(20, 8000, 5, 500);
        assertThat(ResourceAdmission.hostShortage(quiet, LIMITS)).isEmpty();
        assertThat(ResourceAdmission.jobShortage(quiet, LIMITS, new JobNeeds(1000, 5L << 30, 50_000))).isEmpty();
    }

    @Test
    void eachShortageIsNamedWithItsFigures() {
        SystemSnapshot busy = new SystemSnapshot(97.4, 100, 250, 900);
        assertThat(ResourceAdmission.hostShortage(busy, LIMITS)).hasValue("CPU load 97% is above 90%; available memory 100 MB"
                + " is below 256 MB; disk I/O 250.0 MB/s is above 100 MB/s");
    }

    @Test
    void theCpuThisServerUsesItselfDoesNotHoldBackItsNextRun() {
        SystemSnapshot busyWithOwnRuns = new SystemSnapshot(97, 8000, 0, 0, 60);
        assertThat(ResourceAdmission.hostShortage(busyWithOwnRuns, LIMITS)).as("others use 37%").isEmpty();

        SystemSnapshot busyWithOthers = new SystemSnapshot(97, 8000, 0, 0, 4);
        assertThat(ResourceAdmission.hostShortage(busyWithOthers, LIMITS))
                .hasValue("CPU load 93% is above 90% (host 97%, of which this server 4%)");
    }

    @Test
    void theFirstCpuReadingIsNotYetALoad() {
        assertThat(ResourceAdmission.hostShortage(new SystemSnapshot(-1, 8000, 0, 0), LIMITS)).isEmpty();
    }

    @Test
    void aJobWaitsForWhatItsRecentRunsNeeded() {
        SystemSnapshot host = new SystemSnapshot(10, 1000, 0, 0);
        assertThat(ResourceAdmission.jobShortage(host, LIMITS, new JobNeeds(900, 0, -1)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("available memory 1000 MB is below 1156 MB"));
        assertThat(ResourceAdmission.jobShortage(host, LIMITS, new JobNeeds(0, 2L * 1024 * 1024 * 1024, 2000)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("free disk on the target 2000 MB is below 3072 MB"));
        assertThat(ResourceAdmission.jobShortage(host, LIMITS, JobNeeds.UNKNOWN)).as("nothing known, nothing to wait for").isEmpty();
    }
}
