package io.backupscheduler.persistence;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An index of the claimable entries (READY, RETRY_WAIT) alone, in the order claims take them, so that a claim of
 * 25 reads about 25 rows instead of sorting every claimable one (21 ms a claim at 20,000 ready). A partial index is
 * PostgreSQL's; on H2, which has none, the existing {@code ix_queue_entry_claim} serves the embedded demo as before.
 * Written in Java only because the SQL differs by database; Flyway is handed it explicitly (no class scanning).
 */
public class V21__Claimable_entries_in_queue_order extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE INDEX ix_queue_entry_claimable ON queue_entry (priority, scheduled_at, id)"
                    + " WHERE status IN ('READY', 'RETRY_WAIT')");
        }
    }
}
