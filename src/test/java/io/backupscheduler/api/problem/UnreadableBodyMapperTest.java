package io.backupscheduler.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.job.JobSpec;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Feeds real JSON-B (Yasson) failures through the mapper: the problem must name the field and leak no class names. */
class UnreadableBodyMapperTest {
    private static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    private static Problem problemFor(String body) {
        Throwable failure = catchThrowable(() -> jsonb.fromJson(body, JobSpec.class));
        assertThat(failure).as("JSON-B must refuse %s", body).isNotNull();
        return UnreadableBodyMapper.problem(failure, JobSpec.class);
    }

    @Test
    void anUnknownEnumConstantNamesTheFieldAndTheAllowedValues() {
        Problem problem = problemFor("{\"name\":\"a\",\"priority\":\"URGENT\"}");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).containsExactly(
                new FieldError("priority", "'URGENT' is not one of CRITICAL, HIGH, NORMAL, LOW, BACKGROUND"));
    }

    @Test
    void aStringWhereANumberBelongsNamesTheField() {
        Problem problem = problemFor("{\"maxRetries\":\"three\"}");
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("maxRetries");
    }

    @Test
    void malformedJsonIsABodyErrorWithoutPackageNames() {
        Problem problem = problemFor("{\"name\": ");
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("body");
        assertThat(problem.detail()).doesNotContain("org.", "io.backupscheduler", "\tat ");
    }
}
