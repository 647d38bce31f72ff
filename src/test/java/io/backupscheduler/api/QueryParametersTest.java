package io.backupscheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backupscheduler.errors.FieldError;
import io.backupscheduler.errors.InvalidInputException;
import io.backupscheduler.errors.NoSuchEntityException;
import io.backupscheduler.job.JobKind;
import io.backupscheduler.job.JobQuery;
import io.backupscheduler.paging.PageRequest;
import io.backupscheduler.paging.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
    private static PageRequest page(String page, String size, List<String> sort) {
        return QueryParameters.pageRequest(page, size, sort, JobQuery.SORTABLE, SortOrder.asc("name"));
    }

    @Test
    void defaultsArePageZeroOfTwentyByName() {
        assertThat(page(null, null, null)).isEqualTo(new PageRequest(0, 20, List.of(SortOrder.asc("name"))));
    }

    @Test
    void sortsTakeDirectionsAndKeepTheirOrder() {
        assertThat(page("2", "50", List.of("priority,desc", "name")).sort())
                .containsExactly(SortOrder.desc("priority"), SortOrder.asc("name"));
        assertThat(page("2", "50", List.of()).offset()).isEqualTo(100);
    }

    @Test
    void everyBadValueIsReportedAtOnceWithItsField() {
        assertThatThrownBy(() -> page("-1", "501", List.of("password", "name,sideways")))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).errors().stream().map(FieldError::field).toList())
                .isEqualTo(List.of("page", "size", "sort", "sort"));
    }

    @Test
    void enumsAndBooleansAreParsedLeniently() {
        assertThat(QueryParameters.enumValue("kind", " command ", JobKind.class)).isEqualTo(JobKind.COMMAND);
        assertThat(QueryParameters.enumValue("kind", "", JobKind.class)).isNull();
        assertThat(QueryParameters.booleanValue("enabled", "FALSE")).isFalse();
        assertThatThrownBy(() -> QueryParameters.enumValue("kind", "tape", JobKind.class))
                .hasMessage("kind: 'tape' is not one of DIRECTORY, COMMAND, RESTIC");
        assertThatThrownBy(() -> QueryParameters.booleanValue("enabled", "yes"))
                .hasMessage("enabled: 'yes' is not true or false");
    }

    @Test
    void anIdThatCannotBeAnIdIsAnUnknownOne() {
        assertThat(QueryParameters.id("job", "42")).isEqualTo(42L);
        assertThatThrownBy(() -> QueryParameters.id("job", "abc")).isInstanceOf(NoSuchEntityException.class)
                .hasMessage("job abc does not exist");
        assertThatThrownBy(() -> QueryParameters.id("job", "0")).isInstanceOf(NoSuchEntityException.class);
    }
}
