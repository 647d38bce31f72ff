package io.backupscheduler.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Runs inside the {@code @Transactional} interceptor (a higher priority): a refusal thrown by the method marks the
 * transaction for rollback and leaves as a checked exception, which the transaction interceptor passes on without an
 * FFDC incident (see {@link Refusals}).
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class RefusalInside {
    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object carry(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            if (!Refusals.isRefusal(e)) {
                throw e;
            }
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.setRollbackOnly(); // as the unchecked exception would have: nothing of a refused call is kept
            }
            throw new Refusals.Carried(e);
        }
    }
}
