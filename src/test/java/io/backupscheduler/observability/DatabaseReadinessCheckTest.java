package io.backupscheduler.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.backupscheduler.persistence.JpaTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The readiness check's query on the embedded H2 database (the run command of the README), where Flyway's lower-case
 * table must be quoted: unquoted, readiness was DOWN there from the first start. PostgreSQL runs it in every IT.
 */
class DatabaseReadinessCheckTest {

    @Test
    void theSchemaVersionIsReadOnH2() throws Exception {
        try (JpaTestDatabase db = JpaTestDatabase.h2();
             Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(DatabaseReadinessCheck.SCHEMA_VERSION)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(latestMigration());
        }
    }

    /**
     * The highest V&lt;n&gt;__ migration in the source tree, SQL or Java (those written in Java sit beside
     * DatabaseMigration): what a fresh database is migrated to.
     */
    private static String latestMigration() throws java.io.IOException {
        return Integer.toString(Math.max(highest("src/main/resources/db/migration", "sql"),
                highest("src/main/java/io/backupscheduler/persistence", "java")));
    }

    private static int highest(String folder, String extension) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\." + extension))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
        }
    }
}
