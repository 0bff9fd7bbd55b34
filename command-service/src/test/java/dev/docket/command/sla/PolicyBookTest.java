package dev.docket.command.sla;

import dev.docket.command.app.CommandTargets;
import dev.docket.events.CalendarId;
import dev.docket.events.ErrorCode;
import dev.docket.events.PolicyBookId;
import dev.docket.events.Priority;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.TicketStatus;
import dev.docket.events.sla.SlaConditions;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaPause;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TimeBasis;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static dev.docket.command.Refusals.refusal;
import static dev.docket.command.Refusals.validationFailureOf;

/** Given/when/then for setting the service-level policies, and every refusal. */
class PolicyBookTest {

    private static final PolicyBookId BOOK = PolicyBookId.DEFAULT;
    private static final CalendarId OFFICE = CalendarId.parse("0193a0e2-7c1d-7b4e-9f00-0000000cafe0");
    private static final SlaTarget URGENT_FIRST_RESPONSE =
            new SlaTarget(Priority.URGENT, SlaMetric.FIRST_RESPONSE, 60, TimeBasis.BUSINESS, 15);
    private static final SlaPause WAITING =
            new SlaPause(TicketStatus.WAITING_ON_CUSTOMER, Set.of(SlaMetric.RESOLUTION));
    private static final SlaPolicy STANDARD = policy("standard", List.of(URGENT_FIRST_RESPONSE), List.of(WAITING));
    private static final SlaPoliciesChanged SET = new SlaPoliciesChanged(BOOK, List.of(STANDARD), "Contract");

    private FixtureConfiguration<PolicyBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PolicyBook.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
    }

    @Test
    void theFirstPoliciesCreateTheBook() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, 0L, List.of(STANDARD), " Contract "))
                .expectEvents(SET)
                .expectResultMessagePayload(new SlaChange(BOOK.toString(), 1));
    }

    @Test
    void namesAreStrippedAndConditionTagsNormalisedAsTicketTags() {
        SlaPolicy given = new SlaPolicy("vip", " VIP ", new SlaConditions(Set.of(), Set.of(" Key Account "), Set.of()),
                OFFICE, List.of(URGENT_FIRST_RESPONSE), List.of(), false, true);
        SlaPolicy stored = new SlaPolicy("vip", "VIP", new SlaConditions(Set.of(), Set.of("key-account"), Set.of()),
                OFFICE, List.of(URGENT_FIRST_RESPONSE), List.of(), false, true);
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, List.of(given), null))
                .expectEvents(new SlaPoliciesChanged(BOOK, List.of(stored), ""));
    }

    @Test
    void aChangeReplacesTheWholeOrderedList() {
        SlaPolicy vip = policy("vip", List.of(URGENT_FIRST_RESPONSE), List.of());
        fixture.given(SET)
                .when(new SetPolicies(BOOK, 1L, List.of(vip, STANDARD), "VIP first"))
                .expectEvents(new SlaPoliciesChanged(BOOK, List.of(vip, STANDARD), "VIP first"))
                .expectResultMessagePayload(new SlaChange(BOOK.toString(), 2));
    }

    @Test
    void theSamePoliciesAgainChangeNothing() {
        fixture.given(SET)
                .when(new SetPolicies(BOOK, 1L, List.of(STANDARD), "again"))
                .expectNoEvents()
                .expectResultMessagePayload(new SlaChange(BOOK.toString(), 1));
    }

    @Test
    void noPoliciesOnANewBookChangeNothing() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, List.of(), null))
                .expectNoEvents()
                .expectResultMessagePayload(new SlaChange(BOOK.toString(), 0));
    }

    @Test
    void removingEveryPolicyIsAChange() {
        fixture.given(SET)
                .when(new SetPolicies(BOOK, null, List.of(), "Contract ended"))
                .expectEvents(new SlaPoliciesChanged(BOOK, List.of(), "Contract ended"));
    }

    @Test
    void rejectsAChangeBasedOnAStaleVersion() {
        fixture.given(SET, new SlaPoliciesChanged(BOOK, List.of(), ""))
                .when(new SetPolicies(BOOK, 1L, List.of(STANDARD), null))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.VERSION_MISMATCH));
    }

    @Test
    void rejectsAnIdThatIsNotAKey() {
        rejects(policy("Standard Policy", List.of(URGENT_FIRST_RESPONSE), List.of()), "policies[0].id");
    }

    @Test
    void rejectsTwoPoliciesWithOneId() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, List.of(STANDARD, STANDARD), null))
                .expectNoEvents()
                .expectException(validationFailureOf("policies[1].id"));
    }

    @Test
    void rejectsABlankName() {
        rejects(new SlaPolicy("standard", " ", SlaConditions.ANY, OFFICE, List.of(), List.of(), false, true),
                "policies[0].name");
    }

    @Test
    void rejectsAnInvalidConditionTag() {
        rejects(new SlaPolicy("vip", "VIP", new SlaConditions(Set.of(), Set.of("-vip"), Set.of()), OFFICE, List.of(),
                List.of(), false, true), "policies[0].conditions.tags");
    }

    @Test
    void rejectsTwoTargetsForOnePriorityAndMetric() {
        rejects(policy("standard", List.of(URGENT_FIRST_RESPONSE, URGENT_FIRST_RESPONSE), List.of()),
                "policies[0].targets[1]");
    }

    @Test
    void rejectsATargetOfNoTime() {
        rejects(policy("standard", List.of(new SlaTarget(Priority.LOW, SlaMetric.RESOLUTION, 0, TimeBasis.CALENDAR, 0)),
                List.of()), "policies[0].targets[0].minutes");
    }

    @Test
    void rejectsATargetLongerThanAYear() {
        rejects(policy("standard", List.of(new SlaTarget(Priority.LOW, SlaMetric.RESOLUTION,
                SlaRules.MAX_TARGET_MINUTES + 1, TimeBasis.CALENDAR, 0)), List.of()), "policies[0].targets[0].minutes");
    }

    @Test
    void rejectsAWarningNotBeforeTheDueTime() {
        rejects(policy("standard", List.of(new SlaTarget(Priority.LOW, SlaMetric.RESOLUTION, 60, TimeBasis.CALENDAR,
                60)), List.of()), "policies[0].targets[0].warnMinutesBefore");
    }

    @Test
    void rejectsANegativeWarning() {
        rejects(policy("standard", List.of(new SlaTarget(Priority.LOW, SlaMetric.RESOLUTION, 60, TimeBasis.CALENDAR,
                -1)), List.of()), "policies[0].targets[0].warnMinutesBefore");
    }

    @Test
    void rejectsABusinessTimeTargetWithoutACalendar() {
        rejects(new SlaPolicy("standard", "Standard", SlaConditions.ANY, null, List.of(URGENT_FIRST_RESPONSE),
                List.of(), false, true), "policies[0].targets[0].basis");
    }

    @Test
    void acceptsCalendarTimeTargetsWithoutACalendar() {
        SlaPolicy allDay = new SlaPolicy("all-day", "All day", SlaConditions.ANY, null,
                List.of(new SlaTarget(Priority.URGENT, SlaMetric.RESOLUTION, 240, TimeBasis.CALENDAR, 30)), List.of(),
                false, true);
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, List.of(allDay), null))
                .expectEvents(new SlaPoliciesChanged(BOOK, List.of(allDay), ""));
    }

    @Test
    void rejectsAPauseInAStatusThatStopsEveryClock() {
        rejects(policy("standard", List.of(), List.of(new SlaPause(TicketStatus.RESOLVED, Set.of(SlaMetric.RESOLUTION)))),
                "policies[0].pauses[0].status");
    }

    @Test
    void rejectsTwoPausesForOneStatus() {
        rejects(policy("standard", List.of(), List.of(WAITING, WAITING)), "policies[0].pauses[1].status");
    }

    @Test
    void rejectsAPauseOfNoMetric() {
        rejects(policy("standard", List.of(), List.of(new SlaPause(TicketStatus.IN_PROGRESS, Set.of()))),
                "policies[0].pauses[0].metrics");
    }

    @Test
    void rejectsMorePoliciesThanTheLimit() {
        List<SlaPolicy> many = new ArrayList<>();
        for (int i = 0; i <= SlaRules.MAX_POLICIES; i++) {
            many.add(policy("p" + i, List.of(), List.of()));
        }
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, many, null))
                .expectNoEvents()
                .expectException(validationFailureOf("policies"));
    }

    @Test
    void rejectsAReasonOverTheMaximumLength() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, List.of(STANDARD), String.join("", Collections.nCopies(1_001, "x"))))
                .expectNoEvents()
                .expectException(validationFailureOf("reason"));
    }

    private void rejects(SlaPolicy policy, String field) {
        fixture.givenNoPriorActivity()
                .when(new SetPolicies(BOOK, null, List.of(policy), null))
                .expectNoEvents()
                .expectException(validationFailureOf(field));
    }

    private static SlaPolicy policy(String id, List<SlaTarget> targets, List<SlaPause> pauses) {
        return new SlaPolicy(id, "Standard", SlaConditions.ANY, OFFICE, targets, pauses, false, true);
    }
}
