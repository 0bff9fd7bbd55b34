package dev.docket.events.calendar;

import dev.docket.events.calendar.BusinessCalendar.Holiday;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business-time arithmetic against a reference that walks minute by minute and knows nothing of time-zone
 * transitions: a minute is working when the wall clock's highest reading so far lies within a shift (which is
 * what "a shift starts at the first moment the clock shows its start or later" means). Random calendars in zones
 * with daylight saving (also half-hour and 45-minute offsets), shifts across midnight, overlapping shifts and
 * holidays, around the year's clock changes.
 */
class BusinessCalendarPropertiesTest {

    /** A calendar and an instant near a clock change. */
    record Case(BusinessCalendar calendar, Instant from) {
    }

    @Property(tries = 400)
    void businessTimeIsTheWorkingMinutesBetweenTwoInstants(@ForAll("cases") Case c,
                                                          @ForAll("minutes") int minutes) {
        Instant to = c.from().plus(minutes, ChronoUnit.MINUTES);
        Reference reference = new Reference(c.calendar(), c.from());
        assertThat(c.calendar().businessTime(c.from(), to)).isEqualTo(reference.workingMinutesUntil(to));
        assertThat(c.calendar().businessTime(to, c.from())).isEqualTo(reference.workingMinutesUntil(to).negated());
    }

    @Property(tries = 400)
    void plusBusinessTimeIsWhereTheWorkingMinutesAddUp(@ForAll("cases") Case c, @ForAll("minutes") int minutes) {
        // at most a week's shifts, so that the reference's walk stays short on a sparse calendar
        Duration amount = Duration.ofMinutes(Math.min(minutes, weeklyMinutes(c.calendar())));
        Reference reference = new Reference(c.calendar(), c.from());
        Instant due = c.calendar().plusBusinessTime(c.from(), amount);
        assertThat(due).isEqualTo(reference.instantAfterWorking(amount));
        assertThat(c.calendar().businessTime(c.from(), due)).isEqualTo(amount);
    }

    @Property(tries = 400)
    void businessTimeAddsUpOverConsecutiveStretches(@ForAll("cases") Case c, @ForAll("minutes") int first,
                                                  @ForAll("minutes") int second) {
        Instant middle = c.from().plus(first, ChronoUnit.MINUTES);
        Instant end = middle.plus(second, ChronoUnit.MINUTES);
        BusinessCalendar calendar = c.calendar();
        assertThat(calendar.businessTime(c.from(), middle).plus(calendar.businessTime(middle, end)))
                .isEqualTo(calendar.businessTime(c.from(), end));
    }

    private static long weeklyMinutes(BusinessCalendar calendar) {
        return calendar.week().stream().mapToLong(shift -> {
            long minutes = Duration.between(shift.from(), shift.to()).toMinutes();
            return shift.endsNextDay() ? minutes + 24 * 60 : minutes;
        }).sum();
    }

    @Provide
    Arbitrary<Integer> minutes() {
        return Arbitraries.integers().between(0, 4 * 24 * 60);
    }

    /**
     * Calendars and starting instants where the clocks change: the start within two days of one of the zone's
     * changes in 2026, shifts that begin or end in the early hours more often than not, on the weekday of a
     * change or the day before more often than not.
     */
    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<ZoneId> zones = Arbitraries.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/Santiago", "Asia/Kolkata", "UTC").map(ZoneId::of);
        return zones.flatMap(zone -> {
            List<LocalDate> changes = clockChanges(zone);
            Arbitrary<LocalDate> days = changes.isEmpty()
                    ? Arbitraries.integers().between(0, 364).map(LocalDate.of(2026, 1, 1)::plusDays)
                    : Combinators.combine(Arbitraries.of(changes), Arbitraries.integers().between(-2, 2))
                            .as(LocalDate::plusDays);
            List<DayOfWeek> changeDays = changes.stream()
                    .flatMap(day -> Stream.of(day.getDayOfWeek(), day.minusDays(1).getDayOfWeek())).distinct()
                    .toList();
            Arbitrary<DayOfWeek> weekdays = changeDays.isEmpty() ? Arbitraries.of(DayOfWeek.class)
                    : Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(changeDays)),
                            Tuple.of(1, Arbitraries.of(DayOfWeek.class)));
            Arbitrary<LocalTime> times = Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.integers().between(0, 16)), Tuple.of(1, Arbitraries.integers().between(0, 95)))
                    .map(q -> LocalTime.of(q / 4, q % 4 * 15));
            Arbitrary<WorkingHours> shifts = Combinators.combine(weekdays, times, times).as(WorkingHours::new);
            Arbitrary<Holiday> holidays = Combinators.combine(days, Arbitraries.integers().between(0, 3))
                    .as((day, length) -> new Holiday(day, day.plusDays(length)));
            Arbitrary<Instant> starts = Combinators.combine(days, Arbitraries.integers().between(0, 24 * 60 - 1))
                    .as((day, minute) -> day.atStartOfDay(zone).plusMinutes(minute).toInstant());
            return Combinators.combine(shifts.list().ofMinSize(1).ofMaxSize(5), holidays.list().ofMaxSize(3), starts)
                    .as((week, off, start) -> new Case(new BusinessCalendar(zone, week, off), start));
        });
    }

    /** The local dates on which the zone changes its clocks in 2026. */
    private static List<LocalDate> clockChanges(ZoneId zone) {
        List<LocalDate> days = new ArrayList<>();
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        for (ZoneOffsetTransition change = zone.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
             change != null && change.getInstant().isBefore(end);
             change = zone.getRules().nextTransition(change.getInstant())) {
            days.add(change.getDateTimeBefore().toLocalDate());
        }
        return days;
    }

    /** Minute by minute, by the wall clock's highest reading so far; nothing of offsets or transitions. */
    static final class Reference {

        private final BusinessCalendar calendar;
        private final Instant from;

        Reference(BusinessCalendar calendar, Instant from) {
            this.calendar = calendar;
            this.from = from.truncatedTo(ChronoUnit.MINUTES);
        }

        Duration workingMinutesUntil(Instant to) {
            long working = 0;
            Walk walk = new Walk();
            for (Instant minute = walk.start; minute.isBefore(to); minute = minute.plus(1, ChronoUnit.MINUTES)) {
                boolean works = walk.works(minute);
                if (works && !minute.isBefore(from)) {
                    working++;
                }
            }
            return Duration.ofMinutes(working);
        }

        Instant instantAfterWorking(Duration amount) {
            if (amount.isZero()) {
                return from;
            }
            long needed = amount.toMinutes();
            Walk walk = new Walk();
            for (Instant minute = walk.start; ; minute = minute.plus(1, ChronoUnit.MINUTES)) {
                if (walk.works(minute) && !minute.isBefore(from) && --needed == 0) {
                    return minute.plus(1, ChronoUnit.MINUTES);
                }
            }
        }

        /** A walk from three days before the start, so that the clock's highest reading is known at the start. */
        private final class Walk {

            final Instant start = from.minus(3, ChronoUnit.DAYS);
            private LocalDateTime highest = LocalDateTime.MIN;

            boolean works(Instant minute) {
                LocalDateTime clock = minute.atZone(calendar.zone()).toLocalDateTime();
                if (clock.isAfter(highest)) {
                    highest = clock;
                }
                for (LocalDate day : List.of(highest.toLocalDate().minusDays(1), highest.toLocalDate())) {
                    if (calendar.holidays().stream().anyMatch(h -> !day.isBefore(h.from()) && !day.isAfter(h.to()))) {
                        continue;
                    }
                    for (WorkingHours shift : calendar.week()) {
                        LocalDateTime start = day.atTime(shift.from());
                        LocalDateTime end = (shift.endsNextDay() ? day.plusDays(1) : day).atTime(shift.to());
                        if (shift.day() == day.getDayOfWeek() && !highest.isBefore(start) && highest.isBefore(end)) {
                            return true;
                        }
                    }
                }
                return false;
            }
        }
    }
}
