package io.backupscheduler.security;

import io.backupscheduler.errors.ConflictException;
import io.backupscheduler.settings.SharedSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start (no users at all) creates the user {@code admin}. Its password is
 * {@code backup.security.admin-password} when set (e.g. {@code BACKUP_SECURITY_ADMIN_PASSWORD}); otherwise a
 * random one is written, readable by the owner only, to {@code initial-admin-password.txt} in
 * {@code backup.data-dir}, and that location (never the password) is logged.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InitialAdminProvisioner {
    private static final Logger LOG = Logger.getLogger(InitialAdminProvisioner.class.getName());
    static final String ADMIN_USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password.txt";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    UserService users;

    @Inject
    @ConfigProperty(name = "backup.security.admin-password")
    Optional<String> configuredPassword;

    @Inject
    SharedSettings settings;

    @PostConstruct
    void provisionFirstAdmin() {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword.filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? randomPassword() : configuredPassword.get();
        try {
            users.create(new NewUser(ADMIN_USERNAME, password, Set.of(Roles.ADMIN)));
        } catch (ConflictException e) {
            return; // another node created it first
        }
        if (generated) {
            Path file = writePasswordFile(password);
            LOG.warning(() -> "created user 'admin' with a generated password; read it from " + file.toAbsolutePath()
                    + ", then delete the file and change the password");
        } else {
            LOG.info("created user 'admin' with the password from backup.security.admin-password");
        }
    }

    private Path writePasswordFile(String password) {
        Path dir = settings.dataDirectory();
        Path file = dir.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initial admin password to " + file, e);
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
