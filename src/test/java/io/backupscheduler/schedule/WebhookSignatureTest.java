package io.backupscheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final byte[] BODY = "{\"release\":\"1.2.3\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void matchesAKnownHmacSha256() {
        // computed independently: printf '1800000000.{"release":"1.2.3"}' | openssl dgst -sha256 -hmac s3cret
        assertThat(WebhookSignature.sign("s3cret", 1_800_000_000L, BODY))
                .isEqualTo("sha256=dd687d0fd04598b8452d0611f618b46b63f670712c283cfbeea5e970d8728dd2");
    }

    @Test
    void acceptsARecentCorrectSignatureOnly() {
        String good = WebhookSignature.sign("s3cret", NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.problem("s3cret", "1800000000", good, BODY, NOW, WINDOW)).isEmpty();
        assertThat(WebhookSignature.problem("other", "1800000000", good, BODY, NOW, WINDOW)).contains("the signature does not match the body");
        assertThat(WebhookSignature.problem("s3cret", "1800000000", good, "{}".getBytes(StandardCharsets.UTF_8), NOW, WINDOW))
                .isPresent();
        assertThat(WebhookSignature.problem("s3cret", "1800000000", good, BODY, NOW.plusSeconds(301), WINDOW))
                .hasValueSatisfying(p -> assertThat(p).contains("301 s away"));
        assertThat(WebhookSignature.problem("s3cret", null, good, BODY, NOW, WINDOW)).contains("X-Backup-Timestamp is missing");
        assertThat(WebhookSignature.problem("s3cret", "soon", good, BODY, NOW, WINDOW)).isPresent();
        assertThat(WebhookSignature.problem("s3cret", "1800000000", "md5=00", BODY, NOW, WINDOW)).isPresent();
        assertThat(WebhookSignature.problem("s3cret", "1800000000", "sha256=zz", BODY, NOW, WINDOW)).contains("X-Backup-Signature is not hexadecimal");
    }
}
