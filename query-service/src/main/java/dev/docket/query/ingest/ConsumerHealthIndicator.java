package dev.docket.query.ingest;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** DOWN while batches keep failing (database or broker unreachable, or an event that cannot be applied). */
final class ConsumerHealthIndicator extends AbstractHealthIndicator {

    private final TicketEventConsumer consumer;

    ConsumerHealthIndicator(TicketEventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        TicketEventConsumer.Status status = consumer.status();
        builder.status(status.state() == TicketEventConsumer.State.FAILING ? "DOWN" : "UP")
                .withDetail("state", status.state())
                .withDetail("appliedRecords", status.appliedRecords());
        if (status.lastAppliedAt() != null) {
            builder.withDetail("lastAppliedAt", status.lastAppliedAt().toString());
        }
        if (status.lastError() != null) {
            builder.withDetail("lastError", status.lastError());
        }
    }
}
