package io.backupscheduler.observability;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers, and the schema is migrated (the history table exists and is readable). */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {
    /** Quoted: Flyway creates the table and its columns in lower case, which H2 (unlike PostgreSQL) does not fold to. */
    static final String SCHEMA_VERSION = "select \"version\" from \"schema_history\" where \"success\" = true"
            + " and \"version\" is not null order by \"installed_rank\" desc";

    @Resource(lookup = "jdbc/backupScheduler")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "backup.health.database-timeout-seconds", defaultValue = "3")
    int timeoutSeconds;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setMaxRows(1);
            try (ResultSet rs = statement.executeQuery(SCHEMA_VERSION)) {
                String version = rs.next() ? rs.getString(1) : null;
                return response.status(version != null)
                        .withData("product", connection.getMetaData().getDatabaseProductName())
                        .withData("schemaVersion", version == null ? "none" : version)
                        .build();
            }
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
