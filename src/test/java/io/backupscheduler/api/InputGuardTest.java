package io.backupscheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputGuardTest {
    private static boolean nul(String json) {
        return InputGuard.hasNul(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheEscapedAndTheRawNul() {
        assertThat(nul("{\"name\":\"a\\u0000b\"}")).isTrue();
        assertThat(nul("{\"name\":\"a\\U0000\"}")).isTrue();
        assertThat(nul("{\"name\":\"\\\\\\u0000\"}")).as("an escaped backslash, then the escape").isTrue();
        assertThat(nul("{\"name\":\"a\u0000\"}")).isTrue();
    }

    @Test
    void leavesEverythingElse() {
        assertThat(nul("{\"name\":\"a\\\\u0000b\"}")).as("a backslash, then the text u0000").isFalse();
        assertThat(nul("{\"name\":\"\\u00001\"}".replace("\\u00001", "\\u0001"))).isFalse();
        assertThat(nul("{\"path\":\"C:\\\\temp\\\\\",\"n\":0}")).isFalse();
        assertThat(nul("\\")).isFalse();
        assertThat(nul("\"\\u000")).isFalse();
    }

    @Test
    void aBodyIsOneWellFormedValueOrNothing() {
        assertThat(InputGuard.malformed("{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(InputGuard.malformed("  \n".getBytes(StandardCharsets.UTF_8))).as("an empty optional body").isNull();
        assertThat(InputGuard.malformed("{}}".getBytes(StandardCharsets.UTF_8))).startsWith("is not one well-formed JSON value");
        assertThat(InputGuard.malformed("{} {}".getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(InputGuard.malformed("{\"a\":}".getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(InputGuard.malformed(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8)))
                .as("nested past the parser's limit").isNotNull();
    }
}
