package dev.docket.command.sla;

import dev.docket.command.app.CommandTargets;
import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.CalendarId;
import dev.docket.events.ErrorCode;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.calendar.BusinessCalendar.Holiday;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import static dev.docket.command.Refusals.refusal;
import static dev.docket.command.Refusals.validationFailureOf;

/** Given/when/then for every calendar command and every refusal. */
class CalendarTest {

    private static final CalendarId ID = CalendarId.parse("0193a0e2-7c1d-7b4e-9f00-0000000cafe0");
    private static final BusinessCalendar OFFICE = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
            List.of(new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
            List.of(Holiday.on(LocalDate.of(2026, 12, 24))));
    private static final BusinessCalendar NIGHTS = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
            List.of(new WorkingHours(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))), List.of());
    private static final BusinessCalendarDefined CREATED = new BusinessCalendarDefined(ID, "Berlin office", OFFICE,
            "Opening hours");

    private FixtureConfiguration<Calendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Calendar.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
    }

    @Test
    void createsACalendarWithItsWholeDefinitionAndTheReason() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, " Berlin office ", OFFICE, " Opening hours "))
                .expectEvents(CREATED)
                .expectResultMessagePayload(new SlaChange(ID.toString(), 1));
    }

    @Test
    void rejectsACalendarWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, "  ", OFFICE, null))
                .expectNoEvents()
                .expectException(validationFailureOf("name"));
    }

    @Test
    void rejectsANameOverTheMaximumLength() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, "x".repeat(SlaRules.NAME_MAX_LENGTH + 1), OFFICE, null))
                .expectNoEvents()
                .expectException(validationFailureOf("name"));
    }

    @Test
    void rejectsAReasonOverTheMaximumLength() {
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, "Office", OFFICE, "x".repeat(SlaRules.REASON_MAX_LENGTH + 1)))
                .expectNoEvents()
                .expectException(validationFailureOf("reason"));
    }

    @Test
    void rejectsMoreShiftsThanTheLimit() {
        BusinessCalendar crowded = new BusinessCalendar(ZoneId.of("UTC"), Collections.nCopies(SlaRules.MAX_SHIFTS + 1,
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))), List.of());
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, "Office", crowded, null))
                .expectNoEvents()
                .expectException(validationFailureOf("week"));
    }

    @Test
    void rejectsMoreHolidaysThanTheLimit() {
        BusinessCalendar festive = new BusinessCalendar(ZoneId.of("UTC"), OFFICE.week(),
                Collections.nCopies(SlaRules.MAX_HOLIDAYS + 1, Holiday.on(LocalDate.of(2026, 12, 24))));
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, "Office", festive, null))
                .expectNoEvents()
                .expectException(validationFailureOf("holidays"));
    }

    @Test
    void rejectsAHolidayRangeLongerThanAYear() {
        BusinessCalendar closed = new BusinessCalendar(ZoneId.of("UTC"), OFFICE.week(),
                List.of(new Holiday(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 2)))); // 367 days
        fixture.givenNoPriorActivity()
                .when(new CreateCalendar(ID, "Office", closed, null))
                .expectNoEvents()
                .expectException(validationFailureOf("holidays[0]"));
    }

    @Test
    void aChangeRecordsTheWholeNewDefinition() {
        fixture.given(CREATED)
                .when(new ChangeCalendar(ID, 1L, "Berlin office", NIGHTS, "Night shift"))
                .expectEvents(new BusinessCalendarDefined(ID, "Berlin office", NIGHTS, "Night shift"))
                .expectResultMessagePayload(new SlaChange(ID.toString(), 2));
    }

    @Test
    void aNewNameAloneIsANewVersion() {
        fixture.given(CREATED)
                .when(new ChangeCalendar(ID, null, "Berlin", OFFICE, null))
                .expectEvents(new BusinessCalendarDefined(ID, "Berlin", OFFICE, ""));
    }

    @Test
    void theSameDefinitionAgainChangesNothing() {
        fixture.given(CREATED)
                .when(new ChangeCalendar(ID, 1L, "Berlin office", OFFICE, "again"))
                .expectNoEvents()
                .expectResultMessagePayload(new SlaChange(ID.toString(), 1));
    }

    @Test
    void rejectsAChangeBasedOnAStaleVersion() {
        fixture.given(CREATED, new BusinessCalendarDefined(ID, "Berlin office", NIGHTS, ""))
                .when(new ChangeCalendar(ID, 1L, "Berlin office", OFFICE, null))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.VERSION_MISMATCH));
    }

    @Test
    void rejectsAnInvalidChange() {
        fixture.given(CREATED)
                .when(new ChangeCalendar(ID, null, "", NIGHTS, null))
                .expectNoEvents()
                .expectException(validationFailureOf("name"));
    }
}
