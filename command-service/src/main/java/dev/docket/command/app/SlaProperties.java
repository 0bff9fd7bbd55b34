package dev.docket.command.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The service-level sweeper.
 *
 * @param enabled       whether this instance marks changed tickets and records milestones (default true). Off, no
 *                      milestone is recorded and changes are not marked: turning it on again later, mark every
 *                      ticket once (docs/operations.md, sla_due)
 * @param sweepInterval how often each instance looks for clocks due (default 500 ms: warnings and breaches are
 *                      recorded within about that of their time)
 * @param batch         how many tickets one sweep claims at most (default 200)
 * @param threads       how many claimed tickets one instance looks at side by side (default 4)
 * @param lease         how long a claimed ticket is left to the instance that claimed it before another may take it
 *                      over (default 30 s: an instance that dies mid-sweep delays its tickets by at most that)
 */
@ConfigurationProperties("docket.sla")
public record SlaProperties(Boolean enabled, Duration sweepInterval, Integer batch, Integer threads,
                            Duration lease) {

    public SlaProperties {
        enabled = enabled == null || enabled;
        sweepInterval = sweepInterval == null ? Duration.ofMillis(500) : sweepInterval;
        batch = batch == null ? 200 : batch;
        threads = threads == null ? 4 : threads;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        if (batch < 1 || threads < 1 || !lease.isPositive() || !sweepInterval.isPositive()) {
            throw new IllegalArgumentException("docket.sla: batch and threads must be at least 1, lease and sweep-interval positive");
        }
    }
}
