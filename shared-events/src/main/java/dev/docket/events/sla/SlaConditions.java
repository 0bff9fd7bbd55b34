package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.Priority;
import dev.docket.events.UserId;

import java.util.Collection;
import java.util.Set;

/**
 * Which tickets a policy applies to. Each non-empty set must match: the ticket's priority is one of
 * {@code priorities}, it carries at least one of {@code tags}, its requester is one of {@code requesters}. All
 * empty: every ticket.
 */
public record SlaConditions(
        @JsonProperty("priorities") Set<Priority> priorities,
        @JsonProperty("tags") Set<String> tags,
        @JsonProperty("requesters") Set<UserId> requesters) {

    public static final SlaConditions ANY = new SlaConditions(Set.of(), Set.of(), Set.of());

    public SlaConditions {
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        requesters = requesters == null ? Set.of() : Set.copyOf(requesters);
    }

    public boolean matches(Priority priority, Collection<String> ticketTags, UserId requester) {
        return (priorities.isEmpty() || priorities.contains(priority))
                && (tags.isEmpty() || ticketTags.stream().anyMatch(tags::contains))
                && (requesters.isEmpty() || requesters.contains(requester));
    }
}
