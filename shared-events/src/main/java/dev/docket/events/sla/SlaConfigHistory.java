package dev.docket.events.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.calendar.BusinessCalendar;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every version of the policy book and of each business calendar, each in force from the instant it was made
 * until the next: what the clocks of any moment are computed under. Immutable; {@link #withPolicies} and {@link
 * #withCalendar} return a copy with one more version (the command side's history grows that way, and a what-if
 * run adds a proposed version without touching the real one).
 */
public final class SlaConfigHistory {

    public static final SlaConfigHistory EMPTY = new SlaConfigHistory(new TreeMap<>(), Map.of());

    private final NavigableMap<Instant, List<SlaPolicy>> policyBooks;
    private final Map<CalendarId, NavigableMap<Instant, BusinessCalendar>> calendars;

    private SlaConfigHistory(NavigableMap<Instant, List<SlaPolicy>> policyBooks,
                             Map<CalendarId, NavigableMap<Instant, BusinessCalendar>> calendars) {
        this.policyBooks = policyBooks;
        this.calendars = calendars;
    }

    /** This history with the ordered {@code policies} in force from {@code from} (replacing a version made then). */
    public SlaConfigHistory withPolicies(Instant from, List<SlaPolicy> policies) {
        NavigableMap<Instant, List<SlaPolicy>> books = new TreeMap<>(policyBooks);
        books.put(Objects.requireNonNull(from, "from"), List.copyOf(policies));
        return new SlaConfigHistory(books, calendars);
    }

    /** This history with calendar {@code id} defined as {@code calendar} from {@code from}. */
    public SlaConfigHistory withCalendar(CalendarId id, Instant from, BusinessCalendar calendar) {
        Map<CalendarId, NavigableMap<Instant, BusinessCalendar>> copy = new HashMap<>(calendars);
        NavigableMap<Instant, BusinessCalendar> versions = new TreeMap<>(copy.getOrDefault(id, Collections.emptyNavigableMap()));
        versions.put(Objects.requireNonNull(from, "from"), Objects.requireNonNull(calendar, "calendar"));
        copy.put(id, versions);
        return new SlaConfigHistory(policyBooks, copy);
    }

    /**
     * A what-if configuration: {@code policies} in force at every moment, never changed, with this history's
     * calendars (each one's first version also in force before it was made, so a proposed policy may name a
     * calendar for tickets older than the calendar).
     */
    public SlaConfigHistory underPolicies(List<SlaPolicy> policies) {
        NavigableMap<Instant, List<SlaPolicy>> books = new TreeMap<>();
        books.put(Instant.MIN, List.copyOf(policies));
        Map<CalendarId, NavigableMap<Instant, BusinessCalendar>> copy = new HashMap<>();
        calendars.forEach((id, versions) -> {
            NavigableMap<Instant, BusinessCalendar> extended = new TreeMap<>(versions);
            extended.put(Instant.MIN, extended.pollFirstEntry().getValue());
            copy.put(id, extended);
        });
        return new SlaConfigHistory(books, copy);
    }

    /** The policies in force at {@code at}, in order; none before the first version. */
    public List<SlaPolicy> policiesAt(Instant at) {
        Map.Entry<Instant, List<SlaPolicy>> entry = policyBooks.floorEntry(at);
        return entry == null ? List.of() : entry.getValue();
    }

    /**
     * The calendar {@code id} as defined at {@code at}.
     *
     * @throws IllegalStateException when it was not defined then (the command side never lets a policy name a
     *                               calendar that does not exist)
     */
    public BusinessCalendar calendarAt(CalendarId id, Instant at) {
        NavigableMap<Instant, BusinessCalendar> versions = calendars.get(id);
        Map.Entry<Instant, BusinessCalendar> entry = versions == null ? null : versions.floorEntry(at);
        if (entry == null) {
            throw new IllegalStateException("no business calendar " + id + " at " + at);
        }
        return entry.getValue();
    }

    /** Whether any version of the policy book had a policy: if none ever did, no clock has ever had a target. */
    public boolean hadPolicies() {
        return policyBooks.values().stream().anyMatch(policies -> !policies.isEmpty());
    }

    /** The instants after {@code after} and not after {@code until} at which any version took effect. */
    NavigableSet<Instant> changes(Instant after, Instant until) {
        NavigableSet<Instant> changes = new TreeSet<>();
        if (after.isAfter(until)) {
            return changes;
        }
        changes.addAll(policyBooks.subMap(after, false, until, true).keySet());
        calendars.values().forEach(versions -> changes.addAll(versions.subMap(after, false, until, true).keySet()));
        return changes;
    }
}
