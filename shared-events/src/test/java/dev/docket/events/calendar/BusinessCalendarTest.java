package dev.docket.events.calendar;

import dev.docket.events.calendar.BusinessCalendar.Holiday;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calendar's rules, one example each (the properties test the arithmetic at large). */
class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Monday to Friday, 09:00-17:00 in Berlin. */
    private static final BusinessCalendar OFFICE = new BusinessCalendar(BERLIN, weekdays("09:00", "17:00"), List.of());

    @Test
    void aDueTimeRunsOverTheWeekend() {
        Instant fridayAfternoon = berlin("2026-12-04T16:00"); // a Friday
        Instant due = OFFICE.plusBusinessTime(fridayAfternoon, Duration.ofHours(2));
        assertThat(due).isEqualTo(berlin("2026-12-07T10:00"));
        assertThat(OFFICE.businessTime(fridayAfternoon, due)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void timeOutsideWorkingHoursCountsNothingAndAStartThereWaitsForTheNextShift() {
        assertThat(OFFICE.businessTime(berlin("2026-12-05T08:00"), berlin("2026-12-06T20:00"))).isZero();
        assertThat(OFFICE.plusBusinessTime(berlin("2026-12-05T08:00"), Duration.ofMinutes(30)))
                .isEqualTo(berlin("2026-12-07T09:30"));
        assertThat(OFFICE.isWorking(berlin("2026-12-07T09:00"))).isTrue();
        assertThat(OFFICE.isWorking(berlin("2026-12-07T17:00"))).isFalse();
    }

    @Test
    void aDayShiftIsEightHoursAlsoWhenTheClocksChange() {
        // 2026-03-29 and 2026-10-25 are Sundays on which Berlin changes its clocks
        BusinessCalendar sundays = weekly(DayOfWeek.SUNDAY, "09:00", "17:00");
        assertThat(sundays.businessTime(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")))
                .isEqualTo(Duration.ofHours(8));
        assertThat(sundays.businessTime(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aNightShiftIsAnHourShorterOrLongerWhenTheClocksChangeWithinIt() {
        BusinessCalendar nights = weekly(DayOfWeek.SATURDAY, "22:00", "06:00");
        assertThat(nights.businessTime(berlin("2026-03-28T12:00"), berlin("2026-03-29T12:00")))
                .isEqualTo(Duration.ofHours(7));
        assertThat(nights.businessTime(berlin("2026-10-24T12:00"), berlin("2026-10-25T12:00")))
                .isEqualTo(Duration.ofHours(9));
        assertThat(nights.businessTime(berlin("2026-11-28T12:00"), berlin("2026-11-29T12:00")))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aShiftThatStartsInTheSkippedHourStartsWhenTheClockJumps() {
        // on 2026-03-29 Berlin's clocks jump from 02:00 to 03:00: a 02:30-04:00 shift is the hour from 03:00
        BusinessCalendar early = weekly(DayOfWeek.SUNDAY, "02:30", "04:00");
        Instant midnight = berlin("2026-03-29T00:00");
        assertThat(early.businessTime(midnight, berlin("2026-03-29T12:00"))).isEqualTo(Duration.ofHours(1));
        assertThat(early.plusBusinessTime(midnight, Duration.ofMinutes(1)))
                .isEqualTo(Instant.parse("2026-03-29T01:01:00Z")); // 03:01 summer time
    }

    @Test
    void aShiftThatEndsInTheRepeatedHourEndsAtItsFirstShowing() {
        // on 2026-10-25 Berlin's clocks go back from 03:00 to 02:00: a 00:00-02:30 shift ends at the first 02:30
        BusinessCalendar early = weekly(DayOfWeek.SUNDAY, "00:00", "02:30");
        assertThat(early.businessTime(berlin("2026-10-24T12:00"), berlin("2026-10-25T12:00")))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void aHolidayCancelsTheShiftsThatStartOnItButNotOneRunningIntoIt() {
        BusinessCalendar nights = new BusinessCalendar(BERLIN, List.of(
                new WorkingHours(DayOfWeek.THURSDAY, LocalTime.of(22, 0), LocalTime.of(6, 0)),
                new WorkingHours(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))),
                List.of(Holiday.on(LocalDate.of(2026, 12, 25)))); // a Friday
        assertThat(nights.businessTime(berlin("2026-12-24T12:00"), berlin("2026-12-26T12:00")))
                .isEqualTo(Duration.ofHours(8));
        assertThat(nights.isWorking(berlin("2026-12-25T05:00"))).isTrue();
        assertThat(nights.isWorking(berlin("2026-12-25T23:00"))).isFalse();
    }

    @Test
    void holidayRangesAndOverlappingHolidaysCountEachDayOnce() {
        BusinessCalendar closed = new BusinessCalendar(BERLIN, weekdays("09:00", "17:00"), List.of(
                new Holiday(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31)),
                Holiday.on(LocalDate.of(2026, 12, 28)),
                new Holiday(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 1))));
        assertThat(closed.plusBusinessTime(berlin("2026-12-23T16:00"), Duration.ofHours(2)))
                .isEqualTo(berlin("2027-01-04T10:00"));
    }

    @Test
    void overlappingShiftsCountOnce() {
        BusinessCalendar doubled = new BusinessCalendar(BERLIN, List.of(
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(20, 0)),
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(10, 0), LocalTime.of(11, 0))), List.of());
        assertThat(doubled.businessTime(berlin("2026-12-07T00:00"), berlin("2026-12-08T00:00")))
                .isEqualTo(Duration.ofHours(11));
    }

    @Test
    void aWholeDayShiftAndFixedOffsetZones() {
        BusinessCalendar always = new BusinessCalendar(ZoneId.of("+05:30"),
                Arrays.stream(DayOfWeek.values()).map(d -> new WorkingHours(d, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))
                        .toList(), List.of());
        Instant start = Instant.parse("2026-12-01T10:15:00Z");
        assertThat(always.businessTime(start, start.plus(Duration.ofDays(9)))).isEqualTo(Duration.ofDays(9));
        assertThat(always.plusBusinessTime(start, Duration.ofHours(30))).isEqualTo(start.plus(Duration.ofHours(30)));
    }

    @Test
    void businessTimeBackwardsIsNegativeAndZeroIsDueAtOnce() {
        Instant monday = berlin("2026-12-07T10:00");
        assertThat(OFFICE.businessTime(berlin("2026-12-07T12:00"), monday)).isEqualTo(Duration.ofHours(-2));
        assertThat(OFFICE.plusBusinessTime(berlin("2026-12-05T08:00"), Duration.ZERO))
                .isEqualTo(berlin("2026-12-05T08:00"));
    }

    @Test
    void refusesWhatHasNoMeaning() {
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Holiday(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OFFICE.plusBusinessTime(Instant.EPOCH, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        BusinessCalendar closedForever = new BusinessCalendar(BERLIN, weekdays("09:00", "17:00"),
                List.of(new Holiday(LocalDate.of(2026, 1, 1), LocalDate.of(2099, 12, 31))));
        assertThatThrownBy(() -> closedForever.plusBusinessTime(berlin("2026-12-07T10:00"), Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    /** One shift a week in Berlin, no holidays. */
    private static BusinessCalendar weekly(DayOfWeek day, String from, String to) {
        return new BusinessCalendar(BERLIN, List.of(new WorkingHours(day, LocalTime.parse(from), LocalTime.parse(to))),
                List.of());
    }

    private static List<WorkingHours> weekdays(String from, String to) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> d.getValue() <= 5)
                .map(d -> new WorkingHours(d, LocalTime.parse(from), LocalTime.parse(to))).toList();
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }
}
