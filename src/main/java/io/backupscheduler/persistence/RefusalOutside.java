package io.backupscheduler.persistence;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;

/**
 * Runs outside the {@code @Transactional} interceptor (a lower priority): the refusal {@link RefusalInside} carried
 * out of the transaction is thrown to the caller as it was thrown by the method (see {@link Refusals}).
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RefusalOutside {
    @AroundInvoke
    public Object unwrap(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (Exception e) {
            // the carried refusal as it left the transaction, or inside the TransactionalException that Liberty wraps an
            // undeclared checked exception in
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Refusals.Carried carried) {
                    throw carried.refusal();
                }
            }
            throw e;
        }
    }
}
