package io.backupscheduler.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Direct access to the integration-test database, for fixtures the API cannot make yet (e.g. a dead queue entry
 * before executions exist), and to look at state while the server is down. Results are otherwise read through
 * the API.
 */
final class ItDatabase {
    private static final String URL = "jdbc:postgresql://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
            + System.getProperty("it.db.port", "5432") + "/backup_scheduler_it";

    private ItDatabase() {
    }

    static void execute(String sql, Object... parameters) {
        run(sql, parameters, statement -> statement.executeUpdate());
    }

    /** The first column of the first row, as text; null when there is no row. */
    static String queryString(String sql, Object... parameters) {
        return run(sql, parameters, statement -> {
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    /** What a statement does with its parameters bound. */
    private interface StatementWork<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(String sql, Object[] parameters, StatementWork<T> work) {
        try (Connection connection = DriverManager.getConnection(URL, System.getProperty("it.db.user", "postgres"),
                System.getProperty("it.db.password", "postgres"));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.apply(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("database access failed: " + sql, e);
        }
    }

    /** Turns a READY entry into one that died after two attempts, as the executor will. */
    static void killQueueEntry(long id, String error) {
        execute("update queue_entry set status = 'DEAD', attempts = 2, attempts_ever = 2, last_error = ?, status_reason = 'failed 2 attempts',"
                + " finished_at = now() where id = ?", error, id);
        execute("insert into queue_attempt (id, entry_id, attempt, node, started_at, finished_at, succeeded, error)"
                + " values (nextval('queue_attempt_seq'), ?, 1, 'it-node', now(), now(), false, 'first failure')", id);
        execute("insert into queue_attempt (id, entry_id, attempt, node, started_at, finished_at, succeeded, error)"
                + " values (nextval('queue_attempt_seq'), ?, 2, 'it-node', now(), now(), false, ?)", id, error);
    }
}
