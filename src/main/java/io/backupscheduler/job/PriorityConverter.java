package io.backupscheduler.job;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a priority as its rank so that ORDER BY priority means "most urgent first". */
@Converter(autoApply = true)
public class PriorityConverter implements AttributeConverter<Priority, Integer> {
    @Override
    public Integer convertToDatabaseColumn(Priority priority) {
        return priority == null ? null : priority.rank();
    }

    @Override
    public Priority convertToEntityAttribute(Integer rank) {
        return rank == null ? null : Priority.ofRank(rank);
    }
}
