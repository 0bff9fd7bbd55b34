package dev.docket.command.app;

import dev.docket.command.rules.VersionRules;
import dev.docket.events.ErrorCode;
import dev.docket.support.errors.Causes;
import dev.docket.support.errors.DocketException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs one change in one transaction and runs it again when it lost a race it could not see coming:
 * <ul>
 *     <li>another writer appended the same ticket's next event first (the unique (aggregate, sequence) key; Axon's
 *     {@link ConcurrencyException});</li>
 *     <li>the event store's order guard refused an append that would leave in the wrong order (SQLSTATE 40001), or
 *     PostgreSQL broke a deadlock (40P01).</li>
 * </ul>
 * A retry loads the ticket afresh, so a change with {@code If-Match} then answers 412, and one without applies to
 * the latest version. Refusals are never retried. Retries go on for as long as {@link #RETRY_BUDGET} allows, not for
 * a fixed number of attempts: how many races a change loses depends on how many writers share the ticket (twenty at
 * once lose up to nineteen each) and how long each commit takes on the machine, while the time a client may wait is
 * what matters to it. Past the budget the caller gets {@code CONCURRENT_MODIFICATION}; nothing was changed.
 */
@Component
public class ChangeTransactions {

    static final Duration RETRY_BUDGET = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(ChangeTransactions.class);

    private final TransactionTemplate transaction;

    ChangeTransactions(TransactionTemplate transaction) {
        this.transaction = transaction;
    }

    public <T> T run(Supplier<T> change) {
        long deadline = System.nanoTime() + RETRY_BUDGET.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> change.get());
            } catch (RuntimeException e) {
                if (attempt == 1 && Causes.find(e, VersionRules.VersionAhead.class) != null) {
                    // the ticket may have come from this instance's cache, behind the store: look again, once
                    log.debug("If-Match ahead of the loaded ticket; retrying on a fresh load: {}", e.toString());
                    continue;
                }
                if (!isLostRace(e)) {
                    throw e;
                }
                if (System.nanoTime() - deadline >= 0) {
                    log.warn("Change lost {} races in a row; giving up: {}", attempt, e.toString());
                    throw new DocketException(ErrorCode.CONCURRENT_MODIFICATION,
                            "The ticket changed concurrently too often; nothing was changed. Retry the request.");
                }
                log.debug("Change lost a race (attempt {}), retrying: {}", attempt, e.toString());
                backOff(attempt);
            }
        }
    }

    static boolean isLostRace(Throwable e) {
        return Causes.find(e, DocketException.class) == null && Causes.any(e, t -> t instanceof ConcurrencyException
                || t instanceof ConcurrencyFailureException
                || t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState())));
    }

    /** A few milliseconds, random, growing up to 64: competing writers spread out instead of colliding again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L << Math.min(attempt + 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocketException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted; nothing was changed.");
        }
    }
}
