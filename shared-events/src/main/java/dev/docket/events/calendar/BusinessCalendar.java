package dev.docket.events.calendar;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * When a support team works, for service-level targets in business time: weekly working hours in a time zone,
 * less holidays. Business time is the real time (instants, not wall-clock minutes) that falls within working
 * hours, so it is exact across daylight-saving changes; it is computed shift by shift, never minute by minute.
 *
 * <p>The rules, in wall-clock time of {@link #zone()}:
 * <ul>
 *   <li>Working hours {@code (day, from, to)} make one shift each week: from {@code from} on {@code day} to
 *       {@code to} the same day, or the next day when {@code to} is not after {@code from} (so {@code 22:00-06:00}
 *       runs across midnight, {@code 00:00-00:00} is a whole day).</li>
 *   <li>A shift starts at the first moment the clock shows its start or later, and ends at the first moment the
 *       clock shows its end or later: a start or end that daylight saving skips (02:30 on a night that jumps from
 *       02:00 to 03:00) falls on the jump; one the clock shows twice (01:30 on a night that goes back from 02:00
 *       to 01:00) is its first showing. A 09:00-17:00 shift is 8 hours every day; a 00:00-06:00 shift is 5 or
 *       7 hours on the nights the clocks change.</li>
 *   <li>A holiday (a date, or a range of dates) cancels the shifts that start on it; a shift that starts the day
 *       before runs its full length.</li>
 *   <li>Shifts that overlap count once.</li>
 * </ul>
 *
 * @param zone     the zone the working hours and holidays are in
 * @param week     the working hours of each week (at least one shift)
 * @param holidays the days without work
 */
public record BusinessCalendar(
        @JsonProperty("zone") ZoneId zone,
        @JsonProperty("week") List<WorkingHours> week,
        @JsonProperty("holidays") List<Holiday> holidays) {

    /** How far {@link #plusBusinessTime} looks for working time before it gives up. */
    private static final int MAX_DAYS_SEARCHED = 10 * 366;

    /** One shift a week: from {@code from} on {@code day} to {@code to} (the next day when not after {@code from}). */
    public record WorkingHours(
            @JsonProperty("day") DayOfWeek day,
            @JsonProperty("from") LocalTime from,
            @JsonProperty("to") LocalTime to) {

        public WorkingHours {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** Whether the shift ends on the next day. */
        public boolean endsNextDay() {
            return !to.isAfter(from);
        }
    }

    /** Days without work, {@code from} to {@code to}, both included; a single date has {@code from == to}. */
    public record Holiday(@JsonProperty("from") LocalDate from, @JsonProperty("to") LocalDate to) {

        public Holiday {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("a holiday from " + from + " cannot end on " + to);
            }
        }

        public static Holiday on(LocalDate date) {
            return new Holiday(date, date);
        }
    }

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        week = List.copyOf(week);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        if (week.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one shift a week");
        }
    }

    /**
     * The business time between two instants: how much of {@code [from, to)} falls within shifts. Negative when
     * {@code to} is before {@code from} (so {@code businessTime(due, now)} is how far past due, in business time).
     */
    public Duration businessTime(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return businessTime(to, from).negated();
        }
        Shifts shifts = new Shifts(from);
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = shifts.firstDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (Span span : shifts.on(date)) {
                if (!span.start().isBefore(to)) {
                    return total;
                }
                total = total.plus(Duration.between(span.start(), min(span.end(), to)));
            }
        }
        return total;
    }

    /**
     * The first instant by which {@code amount} of business time has passed since {@code from}: a target's due
     * time. Zero business time is due at once.
     *
     * @throws IllegalArgumentException for a negative amount
     * @throws IllegalStateException    when the calendar has no working time in the ten years after {@code from}
     *                                  (holidays all the way)
     */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a negative business time: " + amount);
        }
        if (amount.isZero()) {
            return from;
        }
        Shifts shifts = new Shifts(from);
        Duration remaining = amount;
        LocalDate date = shifts.firstDate();
        for (int day = 0; day < MAX_DAYS_SEARCHED; day++, date = date.plusDays(1)) {
            for (Span span : shifts.on(date)) {
                Duration available = Duration.between(span.start(), span.end());
                if (remaining.compareTo(available) <= 0) {
                    return span.start().plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("no working time in the " + MAX_DAYS_SEARCHED + " days after " + from);
    }

    /** Whether {@code at} falls within a shift. */
    public boolean isWorking(Instant at) {
        return businessTime(at, at.plusNanos(1)).isPositive();
    }

    /** A stretch of working time, as instants: {@code [start, end)}. */
    private record Span(Instant start, Instant end) {
    }

    /**
     * The shifts from one instant on, date by date in order, each cut to what no earlier shift (or the starting
     * instant) covered: shifts of later dates start no earlier, since a later wall-clock time is never shown first.
     */
    private final class Shifts {

        private final Map<DayOfWeek, List<WorkingHours>> byDay = new EnumMap<>(DayOfWeek.class);
        private final TreeMap<LocalDate, LocalDate> holidayRanges = new TreeMap<>();
        private final ZoneRules rules = zone.getRules();
        private final LocalDate firstDate;
        /** Everything before it is covered already (or before the start). */
        private Instant covered;

        Shifts(Instant from) {
            for (WorkingHours hours : week) {
                byDay.computeIfAbsent(hours.day(), d -> new ArrayList<>()).add(hours);
            }
            byDay.values().forEach(list -> list.sort(Comparator.comparing(WorkingHours::from)));
            // merged, so that the range starting last on or before a date is the only one that can hold it
            List<Holiday> sorted = new ArrayList<>(holidays);
            sorted.sort(Comparator.comparing(Holiday::from));
            for (Holiday holiday : sorted) {
                Map.Entry<LocalDate, LocalDate> previous = holidayRanges.lastEntry();
                if (previous != null && !holiday.from().isAfter(previous.getValue().plusDays(1))) {
                    if (holiday.to().isAfter(previous.getValue())) {
                        holidayRanges.put(previous.getKey(), holiday.to());
                    }
                } else {
                    holidayRanges.put(holiday.from(), holiday.to());
                }
            }
            // a shift of the day before may still run (shifts last a day at most, in wall-clock time)
            this.firstDate = from.atZone(zone).toLocalDate().minusDays(1);
            this.covered = from;
        }

        LocalDate firstDate() {
            return firstDate;
        }

        /** The uncovered parts of the shifts that start on {@code date}, in order. */
        List<Span> on(LocalDate date) {
            List<WorkingHours> hours = byDay.get(date.getDayOfWeek());
            if (hours == null || isHoliday(date)) {
                return List.of();
            }
            List<Span> spans = new ArrayList<>(hours.size());
            for (WorkingHours shift : hours) {
                Instant start = firstShowing(date.atTime(shift.from()));
                Instant end = firstShowing((shift.endsNextDay() ? date.plusDays(1) : date).atTime(shift.to()));
                Instant uncovered = max(start, covered);
                if (end.isAfter(uncovered)) {
                    spans.add(new Span(uncovered, end));
                    covered = end;
                }
            }
            return spans;
        }

        private boolean isHoliday(LocalDate date) {
            Map.Entry<LocalDate, LocalDate> range = holidayRanges.floorEntry(date);
            return range != null && !range.getValue().isBefore(date);
        }

        /** The first instant at which the clock shows {@code time} or later. */
        private Instant firstShowing(LocalDateTime time) {
            if (rules.getValidOffsets(time).isEmpty()) {
                ZoneOffsetTransition gap = rules.getTransition(time);
                return gap.getInstant();
            }
            return ZonedDateTime.ofLocal(time, zone, null).toInstant(); // of two showings, the earlier
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
