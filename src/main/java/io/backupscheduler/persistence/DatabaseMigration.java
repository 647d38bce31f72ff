package io.backupscheduler.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway when the application starts, before any other start-up bean
 * (they declare {@code @DependsOn("DatabaseMigration")}) or request touches the database. A failed migration
 * fails the deployment: running on a half-migrated schema would be worse.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway manages its own transactions
public class DatabaseMigration {
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/backupScheduler")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = migrate(dataSource);
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "database schema at version " + version + " (" + result.migrationsExecuted
                + " migrations applied now, database " + result.database + ")");
    }

    /** Runs the migrations under {@code db/migration} against a data source; shared with the tests. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                // Liberty's class loader finds a classpath folder only through a file in it: flyway.location.
                .locations("classpath:db/migration")
                .callbackLocations(new String[0]) // no callbacks; the default location would be searched in vain
                .javaMigrations(new V21__Claimable_entries_in_queue_order(), // given, not scanned for: see the class
                        new V22__Fewer_queue_indexes_to_write())
                .table("schema_history")
                .validateMigrationNaming(true)
                // The server's own tables (EJB timers, WLP_*) may be created in the same schema before this runs:
                // a schema without our history is then baselined at 0, below V1, so every migration still applies.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
