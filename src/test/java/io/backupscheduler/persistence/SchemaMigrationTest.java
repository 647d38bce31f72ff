package io.backupscheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backupscheduler.job.BackupJob;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobSpec;
import io.backupscheduler.job.Priority;
import io.backupscheduler.job.ResourceLimits;
import io.backupscheduler.security.AppUser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations build exactly the schema the entities map (Hibernate validates it), on H2 in the mode the
 * servers use; PostgreSQL gets the same migrations in the integration tests.
 */
class SchemaMigrationTest {
    private JpaTestDatabase db;

    /** Migrates a fresh H2 database and lets Hibernate validate the result against the entities. */
    @BeforeEach
    void migrate() {
        db = JpaTestDatabase.h2();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migratingTwiceChangesNothing() {
        MigrateResult again = DatabaseMigration.migrate(db.dataSource());
        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isNotNull();
    }

    @Test
    void aJobSurvivesTheRoundTripWithEveryField() {
        JobSpec spec = new JobSpec();
        spec.setName("db dump");
        spec.setDescription("nightly dump");
        spec.setKind(JobKind.COMMAND);
        spec.setCommand(List.of("pg_dump", "-Fc", "-f", "/backups/it's \"quoted\".dump"));
        spec.setTargetPath("/backups");
        spec.setPriority(Priority.HIGH);
        spec.setMaxRetries(5);
        spec.setLimits(new ResourceLimits(50, 1024, 7200, 7, 50_000_000L));
        BackupJob job = new BackupJob();
        job.apply(spec);
        long id = inTransaction(em -> {
            em.persist(job);
            return job.getId();
        });

        BackupJob loaded = inTransaction(em -> em.find(BackupJob.class, id));
        assertThat(loaded.getCommand()).containsExactly("pg_dump", "-Fc", "-f", "/backups/it's \"quoted\".dump");
        assertThat(loaded.getPriority()).isEqualTo(Priority.HIGH);
        assertThat(loaded.getLimits()).isEqualTo(new ResourceLimits(50, 1024, 7200, 7, 50_000_000L));
        assertThat(loaded.getCreatedAt()).isEqualTo(job.getCreatedAt());
        assertThat(loaded.getVersion()).isZero();
        Integer storedRank = inTransaction(em -> ((Number) em.createNativeQuery(
                "select priority from backup_job where id = " + id).getSingleResult()).intValue());
        assertThat(storedRank).isEqualTo(2);
    }

    @Test
    void aJobWithoutLimitsReadsBackAsEmptyLimits() {
        JobSpec spec = new JobSpec();
        spec.setName("home");
        spec.setKind(JobKind.DIRECTORY);
        spec.setSourcePath("/home");
        spec.setTargetPath("/backups");
        BackupJob job = new BackupJob();
        job.apply(spec);
        long id = inTransaction(em -> {
            em.persist(job);
            return job.getId();
        });
        assertThat(inTransaction(em -> em.find(BackupJob.class, id)).getLimits()).isEqualTo(new ResourceLimits());
    }

    @Test
    void theDatabaseRefusesDuplicateJobNamesAsAUniqueViolation() {
        for (int i = 0; i < 2; i++) {
            JobSpec spec = new JobSpec();
            spec.setName("same");
            spec.setKind(JobKind.DIRECTORY);
            spec.setSourcePath("/a");
            spec.setTargetPath("/b");
            BackupJob job = new BackupJob();
            job.apply(spec);
            if (i == 0) {
                inTransaction(em -> {
                    em.persist(job);
                    return null;
                });
            } else {
                assertThatThrownBy(() -> inTransaction(em -> {
                    em.persist(job);
                    em.flush();
                    return null;
                })).isInstanceOf(PersistenceException.class).matches(ConstraintViolations::isUniqueViolation);
            }
        }
    }

    @Test
    void usersKeepTheirRoles() {
        long id = inTransaction(em -> {
            AppUser user = new AppUser("ops", "PBKDF2WithHmacSHA256:1:salt:hash", Set.of("operator", "viewer"));
            em.persist(user);
            return user.getId();
        });
        assertThat(inTransaction(em -> em.find(AppUser.class, id)).getRoles()).containsExactly("operator", "viewer");
    }

    private <T> T inTransaction(java.util.function.Function<EntityManager, T> work) {
        return db.inTransaction(work);
    }
}
