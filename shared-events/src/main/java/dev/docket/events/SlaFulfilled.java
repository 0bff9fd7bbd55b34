package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaMilestone;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * A service-level clock of the ticket stopped: the response came, or the ticket was resolved. Recorded once per
 * clock and cycle by Docket itself (actor {@code docket:sla}).
 *
 * @param cycle       which cycle of the clock: 1 for first response and resolution, n for the n-th next response
 * @param policy      the id of the policy the clock was under
 * @param fulfilledAt when the response or resolution came
 * @param breached    whether the clock had breached before (the promise was not kept)
 */
@EventType(name = "dev.docket.ticket.sla-fulfilled", version = 1)
@Revision("1")
public record SlaFulfilled(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("metric") SlaMetric metric,
        @JsonProperty("cycle") int cycle,
        @JsonProperty("policy") String policy,
        @JsonProperty("fulfilledAt") Instant fulfilledAt,
        @JsonProperty("breached") boolean breached) implements TicketEvent, SlaMilestoneEvent {

    public SlaFulfilled {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(fulfilledAt, "fulfilledAt");
    }

    @Override
    public SlaMilestone.Kind milestoneKind() {
        return SlaMilestone.Kind.FULFILMENT;
    }
}
