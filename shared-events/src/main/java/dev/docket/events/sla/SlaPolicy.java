package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.CalendarId;
import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service-level policy. Policies are ordered; a ticket is under the first whose {@link #conditions} match it,
 * and under none if none does.
 *
 * @param id                      stable key, lower-case letters, digits and dashes; reports group by it
 * @param name                    how people see it
 * @param conditions              which tickets it applies to
 * @param calendar                the business calendar its {@link TimeBasis#BUSINESS business} targets
 *                                count in; null when every target counts calendar time
 * @param targets                 at most one per priority and metric; a priority and metric without one has no
 *                                clock under this policy
 * @param pauses                  which statuses stop which clocks
 * @param internalNotesRespond    whether an agent's internal note counts as a response (normally not: the
 *                                requester does not see it)
 * @param automatedRepliesRespond whether a reply made by an automated agent counts as a response
 */
public record SlaPolicy(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("conditions") SlaConditions conditions,
        @JsonProperty("calendar") CalendarId calendar,
        @JsonProperty("targets") List<SlaTarget> targets,
        @JsonProperty("pauses") List<SlaPause> pauses,
        @JsonProperty("internalNotesRespond") boolean internalNotesRespond,
        @JsonProperty("automatedRepliesRespond") boolean automatedRepliesRespond) {

    public SlaPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        conditions = conditions == null ? SlaConditions.ANY : conditions;
        targets = targets == null ? List.of() : List.copyOf(targets);
        pauses = pauses == null ? List.of() : List.copyOf(pauses);
    }

    /** The target for a priority and metric, if the policy sets one. */
    public Optional<SlaTarget> target(Priority priority, SlaMetric metric) {
        return targets.stream().filter(t -> t.priority() == priority && t.metric() == metric).findFirst();
    }

    /** Whether a clock of {@code metric} stands still while a ticket is in {@code status}. */
    public boolean pauses(SlaMetric metric, TicketStatus status) {
        return pauses.stream().anyMatch(p -> p.status() == status && p.metrics().contains(metric));
    }
}
