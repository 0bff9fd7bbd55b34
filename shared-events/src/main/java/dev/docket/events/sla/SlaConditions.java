package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.Priority;
import dev.docket.events.UserId;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tickets a policy applies to. Each non-empty set must match: the ticket's priority is one of
 * {@code priorities}, it carries at least one of {@code tags}, its requester is one of {@code requesters}. All
 * empty: every ticket. Each set is kept in a fixed order.
 */
public record SlaConditions(
        @JsonProperty("priorities") Set<Priority> priorities,
        @JsonProperty("tags") Set<String> tags,
        @JsonProperty("requesters") Set<UserId> requesters) {

    public static final SlaConditions ANY = new SlaConditions(Set.of(), Set.of(), Set.of());

    public SlaConditions {
        priorities = sorted(priorities, Comparator.naturalOrder());
        tags = sorted(tags, Comparator.naturalOrder());
        requesters = sorted(requesters, Comparator.comparing(UserId::value));
    }

    /** An unmodifiable copy in a fixed order, so the same conditions are always written the same way. */
    static <T> Set<T> sorted(Set<T> values, Comparator<? super T> order) {
        TreeSet<T> copy = new TreeSet<>(order);
        if (values != null) {
            copy.addAll(values);
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    public boolean matches(Priority priority, Collection<String> ticketTags, UserId requester) {
        return (priorities.isEmpty() || priorities.contains(priority))
                && (tags.isEmpty() || ticketTags.stream().anyMatch(tags::contains))
                && (requesters.isEmpty() || requesters.contains(requester));
    }
}
