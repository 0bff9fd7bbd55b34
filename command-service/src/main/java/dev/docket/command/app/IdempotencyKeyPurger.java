package dev.docket.command.app;

import dev.docket.support.worker.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Deletes expired idempotency keys every few minutes, in small batches so it never holds locks for long. */
@Component
class IdempotencyKeyPurger extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurger.class);
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final int BATCH = 1_000;

    private final IdempotencyKeys keys;

    IdempotencyKeyPurger(IdempotencyKeys keys) {
        super("idempotency-key-purger", Duration.ofSeconds(5));
        this.keys = keys;
    }

    @Override
    protected void work() {
        while (!isStopping()) {
            try {
                int purged;
                do {
                    purged = keys.purgeExpired(BATCH);
                    if (purged > 0) {
                        log.debug("Purged {} expired idempotency keys", purged);
                    }
                } while (purged == BATCH && !isStopping());
            } catch (RuntimeException e) {
                log.warn("Could not purge expired idempotency keys; trying again later: {}", e.toString());
            }
            pause(INTERVAL);
        }
    }
}
