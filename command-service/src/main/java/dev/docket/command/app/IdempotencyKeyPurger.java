package dev.docket.command.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/** Deletes expired idempotency keys every ten minutes, in small batches so it never holds locks for long. */
@Component
class IdempotencyKeyPurger {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurger.class);
    private static final int BATCH = 1_000;

    private final IdempotencyKeys keys;

    IdempotencyKeyPurger(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** @return how many keys were deleted */
    @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
    int purge() {
        int total = 0;
        try {
            int purged;
            do {
                purged = keys.purgeExpired(BATCH);
                total += purged;
            } while (purged == BATCH);
        } catch (RuntimeException e) {
            log.warn("Could not purge expired idempotency keys; trying again later: {}", e.toString());
        }
        if (total > 0) {
            log.debug("Purged {} expired idempotency keys", total);
        }
        return total;
    }
}
