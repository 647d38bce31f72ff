package io.backupscheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesTest {
    @Test
    void higherRolesIncludeTheLowerOnes() {
        assertThat(Roles.effective(Set.of("admin"))).containsExactlyInAnyOrder("admin", "operator", "viewer");
        assertThat(Roles.effective(Set.of("operator"))).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(Roles.effective(Set.of("viewer"))).containsExactly("viewer");
        assertThat(Roles.effective(Set.of("root"))).isEmpty();
    }

    @Test
    void basicCredentialsAreDecodedWithColonsInThePassword() {
        String encoded = Base64.getEncoder().encodeToString("ops:pa:ss wörd".getBytes(StandardCharsets.UTF_8));
        UsernamePasswordCredential credential = ConsoleAndApiAuthenticationMechanism.decodeBasic(encoded);
        assertThat(credential.getCaller()).isEqualTo("ops");
        assertThat(credential.getPasswordAsString()).isEqualTo("pa:ss wörd");
    }

    @Test
    void malformedBasicCredentialsAreRefused() {
        assertThat(ConsoleAndApiAuthenticationMechanism.decodeBasic("not base64!")).isNull();
        assertThat(ConsoleAndApiAuthenticationMechanism.decodeBasic(
                Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(ConsoleAndApiAuthenticationMechanism.decodeBasic(
                Base64.getEncoder().encodeToString(":empty-user".getBytes(StandardCharsets.UTF_8)))).isNull();
    }

    @Test
    void generatedAdminPasswordsAreLongAndDiffer() {
        String first = InitialAdminProvisioner.randomPassword();
        assertThat(first).hasSize(20).matches("[A-Za-z0-9]+");
        assertThat(InitialAdminProvisioner.randomPassword()).isNotEqualTo(first);
    }
}
