package io.backupscheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StringListJsonConverterTest {
    private final StringListJsonConverter converter = new StringListJsonConverter();

    @Test
    void argumentsKeepTheirOrderAndEveryCharacter() {
        List<String> args = List.of("sh", "-c", "echo \"$HOME\" \\ 'x'", "ünïcödé", "", "a\nb");
        String column = converter.convertToDatabaseColumn(args);
        assertThat(column).startsWith("[").endsWith("]");
        assertThat(converter.convertToEntityAttribute(column)).containsExactlyElementsOf(args);
    }

    @Test
    void anEmptyListIsStoredAsNull() {
        assertThat(converter.convertToDatabaseColumn(List.of())).isNull();
        assertThat(converter.convertToDatabaseColumn(null)).isNull();
        assertThat(converter.convertToEntityAttribute(null)).isEmpty();
    }
}
