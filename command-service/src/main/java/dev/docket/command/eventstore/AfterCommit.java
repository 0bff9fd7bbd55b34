package dev.docket.command.eventstore;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What the event store's caches may remember: only what a transaction has committed. */
final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Runs {@code action} once the current transaction commits; never when it rolls back. Outside a transaction
     * (never the case for Axon's units of work here, which always run in a Spring transaction) nothing is known to
     * be committed, so nothing runs.
     */
    static void run(Runnable action) {
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
