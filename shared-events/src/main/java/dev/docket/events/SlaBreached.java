package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaMilestone;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * A service-level clock of the ticket reached its due time unanswered. Recorded once per clock and cycle by Docket
 * itself (actor {@code docket:sla}), also when it was due while Docket was down: {@code dueAt} is the breach by the
 * clocks, the event's own time when it was recorded.
 *
 * @param cycle  which cycle of the clock: 1 for first response and resolution, n for the n-th next response
 * @param policy the id of the policy the clock was under
 * @param dueAt  when the clock breached
 */
@EventType(name = "dev.docket.ticket.sla-breached", version = 1)
@Revision("1")
public record SlaBreached(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("metric") SlaMetric metric,
        @JsonProperty("cycle") int cycle,
        @JsonProperty("policy") String policy,
        @JsonProperty("dueAt") Instant dueAt) implements TicketEvent, SlaMilestoneEvent {

    public SlaBreached {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    @Override
    public SlaMilestone.Kind milestoneKind() {
        return SlaMilestone.Kind.BREACH;
    }
}
