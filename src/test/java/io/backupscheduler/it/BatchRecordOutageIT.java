package io.backupscheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch job that Liberty's batch runtime drops. When the runtime cannot write some of its records (the database
 * went away as the job began: DatabaseOutageIT met it by chance), it gives the job up without calling its job
 * listener, and the run used to stay RUNNING with its lease renewed for ever. Refusing the write of STARTED does that
 * every time (docs/reliability.md lists the writes tried). The test makes the database refuse it, for the first
 * attempt of its own job only, with a trigger on Liberty's job execution table (JB_ prefix,
 * server-config/liberty/server.xml); the other servers keep their batch records elsewhere, so it runs on Liberty alone.
 * A database that goes away just after a job was submitted refuses every later write, its FAILED too: the job's record
 * then says STARTING for ever, which is also what a job waiting for a batch thread says; the second test makes that.
 */
class BatchRecordOutageIT {
    private static final String TRIGGER = "it_refuse_batch_updates";

    @AfterEach
    void dropTheTrigger() {
        ItDatabase.execute("drop trigger if exists " + TRIGGER + " on jb_jobexecution");
        ItDatabase.execute("drop function if exists " + TRIGGER + "()");
    }

    @Test
    void aRunWhoseBatchJobTheRuntimeDroppedEndsFailedAndItsEntryIsRetried() throws Exception {
        // held from its start until it was quiet for backup.executor.dropped-job-seconds (45 s in the tests)
        droppedRunEndsFailedAndIsRetried("new.batchstatus = 1", Duration.ofSeconds(45), Duration.ofSeconds(90));
    }

    @Test
    void aRunWhoseBatchJobNeverGotPastStartingEndsFailedAndItsEntryIsRetried() throws Exception {
        // a job left STARTING counts after twice dropped-job-seconds: waiting for a batch thread takes seconds, not that
        droppedRunEndsFailedAndIsRetried("new.batchstatus <> 0", Duration.ofSeconds(90), Duration.ofSeconds(135));
    }

    /**
     * Runs a job whose first attempt's batch job execution the database refuses to update when {@code refused} (a
     * condition on the row, {@code new}) holds; the run must end FAILED as dropped after {@code atLeast} and no later than
     * {@code atMost}, and the entry's second attempt succeed.
     */
    private static void droppedRunEndsFailedAndIsRetried(String refused, Duration atLeast, Duration atMost) throws Exception {
        ItEnvironment.awaitReady(Duration.ofMinutes(3));
        assumeTrue("t".equals(ItDatabase.queryString("select to_regclass('jb_jobexecution') is not null")),
                "this server keeps no batch records in the database (not Liberty)");
        ItEnvironment.runTheExecutor();
        try {
            String name = "dropped-" + UUID.randomUUID().toString().substring(0, 8);
            ApiClient.Reply created = ApiClient.admin().post("/jobs", "{\"name\":\"" + name + "\",\"kind\":\"COMMAND\","
                    + "\"command\":[\"true\"],\"targetPath\":\"/tmp/backup-scheduler-it/" + name + "\",\"maxRetries\":2}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            long job = created.json().getJsonNumber("id").longValue();
            refuseTheFirstAttemptsUpdates(job, refused);

            ApiClient.Reply queued = TestUsers.operator().post("/jobs/" + job + "/run", "");
            assertThat(queued.status()).as(queued.toString()).isEqualTo(201);
            long entry = queued.json().getJsonNumber("id").longValue();

            JsonObject done = awaitEntry(entry, atMost.plusSeconds(60));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.getInt("attempts")).isEqualTo(2);

            List<JsonObject> runs = ApiClient.admin().get("/executions?jobId=" + job + "&size=10").json().getJsonArray("items")
                    .getValuesAs(JsonObject.class); // newest first
            assertThat(runs).extracting(r -> r.getString("status")).containsExactly("SUCCEEDED", "FAILED");
            JsonObject dropped = runs.get(1);
            assertThat(dropped.getString("error")).startsWith("the batch runtime dropped the job without ending it: it never began");
            // no step recorded them: the watchdog did, so that the purge can remove the job's batch records with
            // the run
            assertThat(dropped.get("batchInstanceId")).as(dropped.toString()).isInstanceOf(JsonNumber.class);
            assertThat(ItDatabase.queryString("select fk_jobinstanceid from jb_jobexecution where jobexecid = ?",
                    dropped.getJsonNumber("batchExecutionId").longValue()))
                    .isEqualTo(Long.toString(dropped.getJsonNumber("batchInstanceId").longValue()));
            Duration held = Duration.between(Instant.parse(dropped.getString("startedAt")), Instant.parse(dropped.getString("finishedAt")));
            assertThat(held).as("how long the dropped run held its entry").isBetween(atLeast, atMost);
        } finally {
            ItEnvironment.pauseTheExecutor();
        }
    }

    /**
     * The database refuses the updates of the first attempt's batch job execution for which {@code refused} holds:
     * {@code new.batchstatus = 1}, its STARTED (Liberty's batch status 1), or {@code new.batchstatus <> 0}, every
     * status after STARTING, as from a database that went away once the start was written.
     */
    private static void refuseTheFirstAttemptsUpdates(long job, String refused) {
        ItDatabase.execute("create function " + TRIGGER + "() returns trigger language plpgsql as $$ begin"
                + " if " + refused + " and exists (select 1 from jb_jobparameter p join execution e on p.value = e.id::text"
                + " where p.fk_jobexecid = new.jobexecid and p.name = 'executionId' and e.job_id = " + job + " and e.attempt = 1) then"
                + " raise exception 'the test refuses to update batch job %', new.jobexecid; end if;"
                + " return new; end $$");
        ItDatabase.execute("create trigger " + TRIGGER + " before update on jb_jobexecution for each row execute function "
                + TRIGGER + "()");
    }

    private static JsonObject awaitEntry(long entry, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject seen = ApiClient.admin().get("/queue/" + entry).json();
        while (Instant.now().isBefore(deadline) && !seen.getString("status").equals("SUCCEEDED")) {
            Thread.sleep(500);
            seen = ApiClient.admin().get("/queue/" + entry).json();
        }
        return seen;
    }
}
