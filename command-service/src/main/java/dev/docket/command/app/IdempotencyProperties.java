package dev.docket.command.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retention how long a key and its answer are kept; at least 24 hours, so a client retrying the next day
 *                  still gets the first answer
 */
@ConfigurationProperties("docket.idempotency")
public record IdempotencyProperties(Duration retention) {

    static final Duration MINIMUM = Duration.ofHours(24);

    public IdempotencyProperties {
        retention = retention == null ? MINIMUM : retention;
        if (retention.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("docket.idempotency.retention must be at least 24h, not " + retention);
        }
    }
}
