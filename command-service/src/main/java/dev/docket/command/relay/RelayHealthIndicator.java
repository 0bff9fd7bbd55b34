package dev.docket.command.relay;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN while the relay keeps failing (database or broker unreachable). A standby relay, waiting while another
 * instance publishes, is healthy.
 */
final class RelayHealthIndicator extends AbstractHealthIndicator {

    private final EventRelay relay;

    RelayHealthIndicator(EventRelay relay) {
        this.relay = relay;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        EventRelay.Status status = relay.status();
        builder.status(status.state() == EventRelay.State.FAILING ? "DOWN" : "UP")
                .withDetail("state", status.state())
                .withDetail("publishedEvents", status.publishedEvents())
                .withDetail("lastGlobalIndex", status.lastGlobalIndex());
        if (status.lastPublishedAt() != null) {
            builder.withDetail("lastPublishedAt", status.lastPublishedAt().toString());
        }
        if (status.lastError() != null) {
            builder.withDetail("lastError", status.lastError());
        }
    }
}
