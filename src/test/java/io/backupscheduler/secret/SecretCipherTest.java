package io.backupscheduler.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/** The cipher of the secret store: values bound to their names, keysets that survive a rotation. */
class SecretCipherTest {
    @Test
    void aValueDecryptsUnderItsOwnNameOnly() throws GeneralSecurityException {
        SecretCipher cipher = SecretCipher.generate();
        String sealed = cipher.encrypt("restic-offsite", "correct horse battery staple");

        assertThat(sealed).doesNotContain("horse");
        assertThat(cipher.decrypt("restic-offsite", sealed)).isEqualTo("correct horse battery staple");
        assertThat(cipher.encrypt("restic-offsite", "correct horse battery staple")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.decrypt("restic-local", sealed)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> SecretCipher.generate().decrypt("restic-offsite", sealed)).as("another keyset")
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.decrypt("restic-offsite", "not base64!")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aKeysetSurvivesItsJsonForm() throws GeneralSecurityException {
        SecretCipher cipher = SecretCipher.generate();
        String sealed = cipher.encrypt("s3-key", "AKIA…/secret");
        SecretCipher reread = SecretCipher.fromJson(cipher.toJson());

        assertThat(reread.decrypt("s3-key", sealed)).isEqualTo("AKIA…/secret");
        assertThatThrownBy(() -> SecretCipher.fromJson("{\"primaryKeyId\": 1}")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aRotationKeepsOldValuesReadableUntilTheOldKeyIsDropped() throws GeneralSecurityException {
        SecretCipher old = SecretCipher.generate();
        String sealedWithOld = old.encrypt("db", "v1");
        SecretCipher rotated = old.withNewPrimaryKey();
        assertThat(rotated.keys()).isEqualTo(2);
        assertThat(rotated.decrypt("db", sealedWithOld)).isEqualTo("v1");

        String sealedWithNew = rotated.encrypt("db", "v1");
        SecretCipher trimmed = rotated.withPrimaryKeyOnly();
        assertThat(trimmed.keys()).isEqualTo(1);
        assertThat(trimmed.decrypt("db", sealedWithNew)).isEqualTo("v1");
        assertThatThrownBy(() -> trimmed.decrypt("db", sealedWithOld)).as("the old key is gone").isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> old.decrypt("db", sealedWithNew)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void namesAreCheckedBeforeAnythingIsStored() {
        assertThat(SecretStore.nameProblem("restic-offsite_2.pw")).isEmpty();
        assertThat(SecretStore.nameProblem("-leading")).isPresent();
        assertThat(SecretStore.nameProblem("with space")).isPresent();
        assertThat(SecretStore.nameProblem("")).isPresent();
        assertThat(SecretStore.nameProblem("x".repeat(101))).isPresent();
    }
}
