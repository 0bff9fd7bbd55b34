package dev.docket.support.transaction;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What caches may remember: only what a transaction has committed. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Runs {@code action} once the current transaction commits; never when it rolls back. Outside a transaction
     * (never the case for Axon's units of work, which always run in a Spring transaction, nor for the read models' batches) nothing is known to
     * be committed, so nothing runs.
     */
    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
    }
}
