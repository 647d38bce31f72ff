package io.backupscheduler.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * Ids for rows written by SQL rather than by {@code persist}, drawn from the entity's own Hibernate id
 * generator: the same sequence and the same pooled blocks, so the two ways of inserting never collide.
 */
public final class NewRowIds {
    private NewRowIds() {
    }

    public static long next(EntityManager em, Class<?> entity) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        var generator = session.getFactory().getMappingMetamodel().getEntityDescriptor(entity).getGenerator();
        if (!(generator instanceof BeforeExecutionGenerator beforeInsert)) {
            throw new IllegalStateException(entity.getSimpleName() + " has no id generator that runs before the insert");
        }
        return ((Number) beforeInsert.generate(session, null, null, EventType.INSERT)).longValue();
    }
}
