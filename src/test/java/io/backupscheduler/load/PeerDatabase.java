package io.backupscheduler.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Fresh PostgreSQL databases for the load runs, and db-scheduler's table in one, as its documentation defines it. */
final class PeerDatabase {
    static final String HOST = System.getProperty("it.db.host", "127.0.0.1");
    static final String PORT = System.getProperty("it.db.port", "5432");
    static final String USER = System.getProperty("it.db.user", "postgres");
    static final String PASSWORD = System.getProperty("it.db.password", "postgres");

    private PeerDatabase() {
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Drops and creates a database; returns its name. */
    static String fresh(String name) throws Exception {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** A fresh database holding db-scheduler's PostgreSQL table; returns its JDBC URL. */
    static String freshDbScheduler(String name) throws Exception {
        String url = url(fresh(name));
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement sql = c.createStatement()) {
            sql.execute("create table scheduled_tasks (task_name text not null, task_instance text not null, task_data bytea,"
                    + " execution_time timestamp with time zone not null, picked boolean not null, picked_by text,"
                    + " last_success timestamp with time zone, last_failure timestamp with time zone, consecutive_failures int,"
                    + " last_heartbeat timestamp with time zone, version bigint not null, priority smallint, state text,"
                    + " primary key (task_name, task_instance))");
            sql.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
            sql.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
            sql.execute("create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
        }
        return url;
    }
}
