package io.backupscheduler.persistence;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Two fewer index entries for every entry queued, claimed and completed. A change of status moves a row to a new
 * version that every index of the table must point to, so each index costs all three steps (about a fifth of the
 * write-ahead log an enqueue wrote). {@code ix_queue_entry_lease} goes: the expired-lease check reads the RUNNING
 * entries, at most one per worker slot of the cluster, through {@code ix_queue_entry_claim}'s leading status. On
 * PostgreSQL {@code ix_queue_entry_schedule} keeps only the entries a schedule queued ({@code schedule_id = ?}
 * implies not null, so its lookups and the schedule's delete still use it); H2 has no partial indexes and keeps it
 * whole.
 */
public class V22__Fewer_queue_indexes_to_write extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        boolean postgres = "PostgreSQL".equalsIgnoreCase(product);
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("DROP INDEX ix_queue_entry_lease");
            if (postgres) {
                statement.execute("DROP INDEX ix_queue_entry_schedule");
                statement.execute("CREATE INDEX ix_queue_entry_schedule ON queue_entry (schedule_id, status)"
                        + " WHERE schedule_id IS NOT NULL");
            }
        }
    }
}
