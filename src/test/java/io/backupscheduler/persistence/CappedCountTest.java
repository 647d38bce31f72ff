package io.backupscheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.execution.ExecutionStatus;
import io.backupscheduler.paging.Page;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counts stop just past the cap, filters and enum parameters bind as the entities store them. */
class CappedCountTest {
    private static JpaTestDatabase db;

    @BeforeAll
    static void tenThousandAndFiveRuns() {
        db = JpaTestDatabase.h2();
        db.inTransaction(em -> {
            em.createNativeQuery("insert into backup_job (id, name, kind, command_args, target_path, priority, max_retries, enabled,"
                    + " created_at, updated_at, version) values (1, 'capped', 'COMMAND', '[\"true\"]', '/tmp/capped', 3, 0, true,"
                    + " current_timestamp, current_timestamp, 0)").executeUpdate();
            // every 1,000th run FAILED, the rest SUCCEEDED; run n started n minutes after the epoch
            return em.createNativeQuery("insert into execution (id, job_id, job_name, job_kind, attempt, node, status, started_at,"
                    + " created_at, updated_at, version) select x, 1, 'capped', 'COMMAND', 1, 'n',"
                    + " case when mod(x, 1000) = 0 then 'FAILED' else 'SUCCEEDED' end, dateadd('MINUTE', x, timestamp with time zone"
                    + " '1970-01-01 00:00:00Z'), current_timestamp, current_timestamp, 0 from system_range(1, 10005)").executeUpdate();
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static long count(String where, Map<String, ?> parameters) {
        return db.inTransaction(em -> CappedCount.count(em, "execution", where, parameters));
    }

    @Test
    void aListLongerThanTheCapCountsToTheCapPlusOneAndThePageSaysItIsNotExact() {
        long counted = count(" where 1 = 1", Map.of());
        assertThat(counted).isEqualTo(CappedCount.CAP + 1);
        Page<String> page = Page.counted(List.of("a"), counted, CappedCount.CAP, 0, 20);
        assertThat(page.total()).isEqualTo(CappedCount.CAP);
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void belowTheCapTheCountIsExactWithEnumAndTimeParameters() {
        assertThat(count(" where status in :statuses", Map.of("statuses", EnumSet.of(ExecutionStatus.FAILED)))).isEqualTo(10);
        assertThat(count(" where status = :status and started_at >= :from", Map.of("status", ExecutionStatus.FAILED,
                "from", Instant.EPOCH.plusSeconds(60L * 5000)))).isEqualTo(6);
        Page<String> page = Page.counted(List.of(), 10, CappedCount.CAP, 0, 20);
        assertThat(page.total()).isEqualTo(10);
        assertThat(page.totalExact()).isTrue();
    }
}
