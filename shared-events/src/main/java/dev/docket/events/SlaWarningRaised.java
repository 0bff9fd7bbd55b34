package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaMilestone;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Objects;

/**
 * A service-level clock of the ticket used all but its warning time: it breaches at {@code dueAt} unless answered
 * (or paused) first. Recorded once per clock and cycle by Docket itself (actor {@code docket:sla}); the event's own
 * time is when it was recorded, {@code warnedAt} when the clocks reached the warning.
 *
 * @param cycle    which cycle of the clock: 1 for first response and resolution, n for the n-th next response
 * @param policy   the id of the policy the clock was under
 * @param warnedAt when the warning was due by the clocks
 * @param dueAt    when the clock breaches if nothing happens
 */
@EventType(name = "dev.docket.ticket.sla-warning-raised", version = 1)
@Revision("1")
public record SlaWarningRaised(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("metric") SlaMetric metric,
        @JsonProperty("cycle") int cycle,
        @JsonProperty("policy") String policy,
        @JsonProperty("warnedAt") Instant warnedAt,
        @JsonProperty("dueAt") Instant dueAt) implements TicketEvent, SlaMilestoneEvent {

    public SlaWarningRaised {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(warnedAt, "warnedAt");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    @Override
    public SlaMilestone.Kind milestoneKind() {
        return SlaMilestone.Kind.WARNING;
    }
}
