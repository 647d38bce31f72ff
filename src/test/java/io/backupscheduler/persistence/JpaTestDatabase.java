package io.backupscheduler.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The application's persistence unit outside the server: migrated by Flyway, validated by Hibernate,
 * with resource-local transactions. For tests of code that works on an EntityManager.
 */
public final class JpaTestDatabase implements AutoCloseable {
    private final EntityManagerFactory emf;
    private final DataSource dataSource;

    public JpaTestDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
        DatabaseMigration.migrate(dataSource);
        emf = Persistence.createEntityManagerFactory("backupScheduler", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "hibernate.hbm2ddl.auto", "validate"));
    }

    /** A fresh in-memory H2 database in the mode the servers use. */
    public static JpaTestDatabase h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return new JpaTestDatabase(dataSource);
    }

    /**
     * A pool of at most {@code size} connections, as a server holds them: with a connection per transaction every
     * statement pays for a new database backend and the driver's metadata again. The caller closes it.
     */
    public static HikariDataSource pooled(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        emf.close();
    }
}
