package io.backupscheduler.schedule;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature inbound webhook calls carry: {@code X-Backup-Timestamp} (seconds since the epoch) and
 * {@code X-Backup-Signature: sha256=<hex>}, an HMAC-SHA256 with the webhook's secret of
 * {@code "<timestamp>." + body}. Signing the timestamp with the body and refusing old timestamps stops replays.
 * Plain Java.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Backup-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Backup-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The header value for a body signed at a time: what callers compute (and tests). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /** Why the call is refused, or empty when its signature is valid and recent. */
    public static Optional<String> problem(String secret, String timestampHeader, String signatureHeader, byte[] body,
                                           Instant now, Duration window) {
        if (timestampHeader == null || timestampHeader.isBlank()) {
            return Optional.of(TIMESTAMP_HEADER + " is missing");
        }
        if (signatureHeader == null || !signatureHeader.strip().startsWith(PREFIX)) {
            return Optional.of(SIGNATURE_HEADER + " is missing or not sha256=<hex>");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is not a number of seconds since the epoch");
        }
        long age = Math.abs(now.getEpochSecond() - timestamp);
        if (age > window.toSeconds()) {
            return Optional.of(TIMESTAMP_HEADER + " is " + age + " s away from now; at most " + window.toSeconds() + " s is accepted");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.strip().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of(SIGNATURE_HEADER + " is not hexadecimal");
        }
        // constant time, so that the comparison does not leak how much of a guess was right
        return MessageDigest.isEqual(given, mac(secret, timestamp, body))
                ? Optional.empty() : Optional.of("the signature does not match the body");
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
