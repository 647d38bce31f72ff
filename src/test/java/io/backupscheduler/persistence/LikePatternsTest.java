package io.backupscheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternsTest {
    @Test
    void aSearchTextMatchesItselfInAnyCaseWithItsWildcardsTakenLiterally() {
        assertThat(LikePatterns.containing(" Nightly_DB ")).isEqualTo("%nightly\\_db%");
        assertThat(LikePatterns.containing("50%\\off")).isEqualTo("%50\\%\\\\off%");
        assertThat(LikePatterns.containing(null)).isEqualTo("%%");
        assertThat(LikePatterns.containing("  ")).isEqualTo("%%");
    }
}
