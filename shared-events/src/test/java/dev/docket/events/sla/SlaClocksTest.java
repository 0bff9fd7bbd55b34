package dev.docket.events.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import dev.docket.events.sla.ClockCycle.State;
import dev.docket.events.sla.SlaMilestone.Kind;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.docket.events.sla.SlaMetric.FIRST_RESPONSE;
import static dev.docket.events.sla.SlaMetric.NEXT_RESPONSE;
import static dev.docket.events.sla.SlaMetric.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

/** Every start, pause, resume, fulfilment, reopening, warning and breach rule of the clocks, one example each. */
class SlaClocksTest {

    static final CalendarId OFFICE_ID = CalendarId.parse("0193a0e2-7c1d-7b4e-9f00-0000000cafe0");

    private static final Instant MONDAY_9 = Instant.parse("2026-12-07T09:00:00Z"); // a Monday

    /** Monday to Friday, 09:00-17:00 UTC. */
    private static final BusinessCalendar OFFICE = new BusinessCalendar(ZoneId.of("UTC"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).stream()
                    .map(day -> new WorkingHours(day, LocalTime.of(9, 0), LocalTime.of(17, 0))).toList(),
            List.of());

    /** Urgent: first response 60 min (warn 15 before), next response 30, resolution 240; calendar time. */
    private static final SlaPolicy STANDARD = policy("standard", SlaConditions.ANY, TimeBasis.CALENDAR);

    private static final SlaConfigHistory CONFIG = SlaConfigHistory.EMPTY
            .withCalendar(OFFICE_ID, MONDAY_9.minus(Duration.ofDays(30)), OFFICE)
            .withPolicies(MONDAY_9.minus(Duration.ofDays(30)), List.of(STANDARD));

    @Test
    void openingStartsTheFirstResponseAndResolutionClocksUnderTheFirstMatchingPolicy() {
        SlaState state = clocks(TicketHistory.openedAt(MONDAY_9, Priority.URGENT), minutes(10));

        assertThat(state.policy()).isEqualTo("standard");
        assertThat(state.cycles()).extracting(ClockCycle::metric).containsExactly(FIRST_RESPONSE, RESOLUTION);
        ClockCycle first = cycle(state, FIRST_RESPONSE, 1);
        assertThat(first.state()).isEqualTo(State.RUNNING);
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(first.dueAt()).isEqualTo(minutes(60));
        assertThat(first.warnAt()).isEqualTo(minutes(45));
        assertThat(first.remaining()).isEqualTo(Duration.ofMinutes(50));
        assertThat(cycle(state, RESOLUTION, 1).dueAt()).isEqualTo(minutes(240));
        assertThat(state.nextDue()).contains(minutes(45));
        assertThat(state.milestones()).isEmpty();
    }

    @Test
    void aBusinessTimeTargetIsDueWithinWorkingHours() {
        SlaConfigHistory config = CONFIG.withPolicies(MONDAY_9.minus(Duration.ofDays(1)),
                List.of(policy("office-hours", SlaConditions.ANY, TimeBasis.BUSINESS)));
        Instant friday = Instant.parse("2026-12-11T16:30:00Z");

        SlaState state = SlaClocks.compute(TicketHistory.openedAt(friday, Priority.URGENT).facts(), config,
                Instant.parse("2026-12-12T12:00:00Z"));

        ClockCycle first = cycle(state, FIRST_RESPONSE, 1);
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(first.dueAt()).isEqualTo(Instant.parse("2026-12-14T09:30:00Z"));
        assertThat(first.warnAt()).isEqualTo(Instant.parse("2026-12-14T09:15:00Z"));
        assertThat(first.breached()).isFalse();
    }

    @Test
    void aClockWarnsThenBreachesAtItsDueTimeAndKeepsCountingUntilAnswered() {
        SlaState state = clocks(TicketHistory.openedAt(MONDAY_9, Priority.URGENT), minutes(90));

        assertThat(state.milestones()).containsExactly(
                new SlaMilestone(FIRST_RESPONSE, 1, Kind.WARNING, minutes(45), "standard", target(FIRST_RESPONSE),
                        minutes(60), false),
                new SlaMilestone(FIRST_RESPONSE, 1, Kind.BREACH, minutes(60), "standard", target(FIRST_RESPONSE),
                        minutes(60), true));
        ClockCycle first = cycle(state, FIRST_RESPONSE, 1);
        assertThat(first.state()).isEqualTo(State.RUNNING);
        assertThat(first.breachedAt()).isEqualTo(minutes(60));
        assertThat(first.dueAt()).isEqualTo(minutes(60));
        assertThat(first.remaining()).isEqualTo(Duration.ofMinutes(-30));
        assertThat(state.nextDue()).contains(minutes(240 - 30)); // the resolution clock's warning
    }

    @Test
    void aPublicReplyByAnAgentFulfilsTheFirstResponse() {
        SlaState state = clocks(TicketHistory.openedAt(MONDAY_9, Priority.URGENT).at(minutes(20)).agentReplies(),
                minutes(120));

        ClockCycle first = cycle(state, FIRST_RESPONSE, 1);
        assertThat(first.state()).isEqualTo(State.STOPPED);
        assertThat(first.met()).isTrue();
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(20));
        assertThat(state.milestones()).containsExactly(
                new SlaMilestone(FIRST_RESPONSE, 1, Kind.FULFILMENT, minutes(20), "standard", target(FIRST_RESPONSE),
                        null, false));
    }

    @Test
    void aReplyAtTheDueTimeIsLate() {
        SlaState state = clocks(TicketHistory.openedAt(MONDAY_9, Priority.URGENT).at(minutes(60)).agentReplies(),
                minutes(61));

        assertThat(state.milestones()).extracting(SlaMilestone::kind)
                .containsExactly(Kind.WARNING, Kind.BREACH, Kind.FULFILMENT);
        assertThat(cycle(state, FIRST_RESPONSE, 1).met()).isFalse();
    }

    @Test
    void anInternalNoteRespondsOnlyWhereThePolicySaysSo() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT).at(minutes(5)).agentAddsInternalNote();
        assertThat(cycle(clocks(history, minutes(10)), FIRST_RESPONSE, 1).state()).isEqualTo(State.RUNNING);

        SlaConfigHistory notesCount = CONFIG.withPolicies(MONDAY_9, List.of(withSettings(STANDARD, true, false)));
        SlaState state = SlaClocks.compute(history.facts(), notesCount, minutes(10));
        assertThat(cycle(state, FIRST_RESPONSE, 1).stoppedAt()).isEqualTo(minutes(5));
    }

    @Test
    void anAutomatedReplyRespondsOnlyWhereThePolicySaysSo() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT).at(minutes(1)).automatedAgentReplies();
        assertThat(cycle(clocks(history, minutes(10)), FIRST_RESPONSE, 1).state()).isEqualTo(State.RUNNING);

        SlaConfigHistory botsCount = CONFIG.withPolicies(MONDAY_9, List.of(withSettings(STANDARD, false, true)));
        assertThat(cycle(SlaClocks.compute(history.facts(), botsCount, minutes(10)), FIRST_RESPONSE, 1).state())
                .isEqualTo(State.STOPPED);
    }

    @Test
    void aRequesterMessageAfterTheFirstResponseStartsANextResponseCycleThatTheNextReplyFulfils() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(2)).requesterWrites()    // before the first response: the first response covers it
                .at(minutes(10)).agentReplies()
                .at(minutes(20)).requesterWrites()   // starts cycle 1
                .at(minutes(25)).requesterWrites()   // cycle 1 still waits: the oldest unanswered message counts
                .at(minutes(40)).agentReplies()
                .at(minutes(50)).requesterWrites();  // starts cycle 2

        SlaState state = clocks(history, minutes(95));

        ClockCycle one = cycle(state, NEXT_RESPONSE, 1);
        assertThat(one.startedAt()).isEqualTo(minutes(20));
        assertThat(one.stoppedAt()).isEqualTo(minutes(40));
        assertThat(one.met()).isTrue();
        ClockCycle two = cycle(state, NEXT_RESPONSE, 2);
        assertThat(two.startedAt()).isEqualTo(minutes(50));
        assertThat(two.breachedAt()).isEqualTo(minutes(80));
        assertThat(state.cycles()).filteredOn(c -> c.metric() == NEXT_RESPONSE).hasSize(2);
    }

    @Test
    void waitingOnTheCustomerPausesTheClocksThePolicyNamesAndWorkResumesThem() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(10)).agentReplies()
                .at(minutes(30)).movesTo(TicketStatus.WAITING_ON_CUSTOMER);

        SlaState waiting = clocks(history, minutes(500));
        ClockCycle resolution = cycle(waiting, RESOLUTION, 1);
        assertThat(resolution.state()).isEqualTo(State.PAUSED);
        assertThat(resolution.pausedSince()).isEqualTo(minutes(30));
        assertThat(resolution.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(resolution.dueAt()).isNull();
        assertThat(waiting.nextDue()).isEmpty();
        assertThat(waiting.milestones()).extracting(SlaMilestone::kind).containsExactly(Kind.FULFILMENT);

        SlaState resumed = clocks(history.at(minutes(600)).movesTo(TicketStatus.IN_PROGRESS), minutes(610));
        ClockCycle running = cycle(resumed, RESOLUTION, 1);
        assertThat(running.state()).isEqualTo(State.RUNNING);
        assertThat(running.pausedSince()).isNull();
        assertThat(running.elapsed()).isEqualTo(Duration.ofMinutes(40));
        assertThat(running.dueAt()).isEqualTo(minutes(600 + 210));
    }

    @Test
    void resolvingStopsEveryClockAndReopeningStartsAResolutionCycleThatKeepsTheTimeUsed() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(100)).movesTo(TicketStatus.RESOLVED)
                .at(minutes(1000)).movesTo(TicketStatus.OPEN);

        SlaState state = clocks(history, minutes(1000 + 200));

        assertThat(cycle(state, FIRST_RESPONSE, 1).stoppedAt()).isEqualTo(minutes(100)); // resolving answers it, late
        assertThat(cycle(state, RESOLUTION, 1).met()).isTrue();
        ClockCycle reopened = cycle(state, RESOLUTION, 2);
        assertThat(reopened.startedAt()).isEqualTo(minutes(1000));
        assertThat(reopened.breachedAt()).isEqualTo(minutes(1000 + 140));
        assertThat(state.milestones()).filteredOn(m -> m.metric() == RESOLUTION).extracting(SlaMilestone::kind)
                .containsExactly(Kind.FULFILMENT, Kind.WARNING, Kind.BREACH);
    }

    @Test
    void aMessageOnAResolvedTicketStartsNoClock() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(10)).agentReplies()
                .at(minutes(20)).movesTo(TicketStatus.RESOLVED)
                .at(minutes(30)).requesterWrites();

        assertThat(clocks(history, minutes(500)).cycles()).noneMatch(c -> c.metric() == NEXT_RESPONSE);
    }

    @Test
    void aRaisedPriorityKeepsTheTimeUsedAndBreachesAtOnceWhenItIsAlreadyPastTheNewTarget() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.NORMAL) // first response: 120 minutes
                .at(minutes(70)).prioritised(Priority.URGENT);                    // 60: already used

        SlaState state = clocks(history, minutes(80));

        assertThat(state.milestones()).containsExactly(
                new SlaMilestone(FIRST_RESPONSE, 1, Kind.BREACH, minutes(70), "standard", target(FIRST_RESPONSE),
                        minutes(70), true));
        assertThat(cycle(state, FIRST_RESPONSE, 1).elapsed()).isEqualTo(Duration.ofMinutes(80));
    }

    @Test
    void aPolicyChangeAppliesFromItsMomentAndNeverToTheTimeBefore() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.LOW); // the standard policy sets no low target
        Instant change = minutes(100);
        SlaConfigHistory config = CONFIG.withPolicies(change,
                List.of(policy("everything", SlaConditions.ANY, TimeBasis.CALENDAR, Priority.LOW)));

        SlaState state = SlaClocks.compute(history.facts(), config, minutes(130));

        ClockCycle first = cycle(state, FIRST_RESPONSE, 1);
        assertThat(first.policy()).isEqualTo("everything");
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(30)); // counted from the change, not from opening
        assertThat(first.dueAt()).isEqualTo(minutes(160));
        assertThat(SlaClocks.compute(history.facts(), CONFIG, minutes(130)).cycles())
                .allSatisfy(c -> assertThat(c.target()).isNull());
    }

    @Test
    void aNewCalendarVersionCountsFromItsMomentWithTheTimeUsedCarriedForward() {
        SlaConfigHistory business = CONFIG.withPolicies(MONDAY_9.minus(Duration.ofDays(1)),
                List.of(policy("office-hours", SlaConditions.ANY, TimeBasis.BUSINESS)));
        BusinessCalendar nights = new BusinessCalendar(ZoneId.of("UTC"),
                List.of(new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(9, 30)),
                        new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(20, 0), LocalTime.of(23, 0))),
                List.of());
        SlaConfigHistory changed = business.withCalendar(OFFICE_ID, minutes(20), nights);

        SlaState state = SlaClocks.compute(TicketHistory.openedAt(MONDAY_9, Priority.URGENT).facts(), changed,
                minutes(60));

        // 20 minutes under the office calendar, 10 more until 09:30, then nothing until 20:00
        ClockCycle first = cycle(state, FIRST_RESPONSE, 1);
        assertThat(first.elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(first.dueAt()).isEqualTo(Instant.parse("2026-12-07T20:30:00Z"));
    }

    @Test
    void anArchivedTicketsClocksStandStillUntilItIsRestored() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(10)).archived()
                .at(minutes(500)).restored();

        SlaState state = clocks(history, minutes(520));

        assertThat(cycle(state, FIRST_RESPONSE, 1).elapsed()).isEqualTo(Duration.ofMinutes(30));
        assertThat(state.milestones()).isEmpty();
    }

    @Test
    void aTicketNoPolicyMatchesHasClocksWithoutTargetsAndNoMilestones() {
        SlaConfigHistory vipOnly = CONFIG.withPolicies(MONDAY_9.minus(Duration.ofDays(1)), List.of(
                policy("vip", new SlaConditions(Set.of(), Set.of("vip"), Set.of()), TimeBasis.CALENDAR)));

        SlaState state = SlaClocks.compute(TicketHistory.openedAt(MONDAY_9, Priority.URGENT).facts(), vipOnly,
                minutes(1000));

        assertThat(state.policy()).isNull();
        assertThat(state.cycles()).allSatisfy(c -> {
            assertThat(c.target()).isNull();
            assertThat(c.elapsed()).isZero();
        });
        assertThat(state.milestones()).isEmpty();
        assertThat(state.nextDue()).isEmpty();
    }

    @Test
    void theFirstMatchingPolicyWinsAndATagChangeMovesTheTicketToAnother() {
        SlaPolicy vip = policy("vip", new SlaConditions(Set.of(), Set.of("vip"), Set.of()), TimeBasis.CALENDAR);
        SlaConfigHistory config = CONFIG.withPolicies(MONDAY_9.minus(Duration.ofDays(1)), List.of(vip, STANDARD));
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT, "vip");
        assertThat(SlaClocks.compute(history.facts(), config, minutes(1)).policy()).isEqualTo("vip");

        history.at(minutes(5)).tagged(List.of(), List.of("vip"));
        assertThat(SlaClocks.compute(history.facts(), config, minutes(6)).policy()).isEqualTo("standard");
    }

    @Test
    void factsAfterTheMomentAskedAboutAreNotReadAndFactsOutOfOrderCountAtTheirPredecessorsTime() {
        TicketHistory history = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(30)).agentReplies();
        assertThat(cycle(clocks(history, minutes(20)), FIRST_RESPONSE, 1).state()).isEqualTo(State.RUNNING);

        TicketHistory skewed = TicketHistory.openedAt(MONDAY_9, Priority.URGENT)
                .at(minutes(40)).assigned()
                .at(minutes(30)).agentReplies(); // recorded after the assignment, with an earlier time
        assertThat(cycle(clocks(skewed, minutes(50)), FIRST_RESPONSE, 1).stoppedAt()).isEqualTo(minutes(40));
    }

    @Test
    void aProposedPolicyIsComputedWithoutChangingTheRealHistory() {
        SlaConfigHistory proposed = CONFIG.withPolicies(MONDAY_9.minus(Duration.ofDays(1)),
                List.of(policy("strict", SlaConditions.ANY, TimeBasis.CALENDAR)));

        assertThat(SlaClocks.compute(TicketHistory.openedAt(MONDAY_9, Priority.URGENT).facts(), proposed,
                minutes(1)).policy()).isEqualTo("strict");
        assertThat(CONFIG.policiesAt(MONDAY_9)).containsExactly(STANDARD);
    }

    /** The example docs/sla.md walks through, step by step. */
    @Test
    void theWorkedExampleOfTheDocsComesOutAsTheDocsSay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BusinessCalendar office = new BusinessCalendar(berlin, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)
                .stream().map(day -> new WorkingHours(day, LocalTime.of(9, 0), LocalTime.of(17, 0))).toList(),
                List.of());
        SlaPolicy urgent = new SlaPolicy("urgent", "Urgent tickets",
                new SlaConditions(Set.of(Priority.URGENT), Set.of(), Set.of()), OFFICE_ID,
                List.of(new SlaTarget(Priority.URGENT, FIRST_RESPONSE, 60, TimeBasis.BUSINESS, 15),
                        new SlaTarget(Priority.URGENT, NEXT_RESPONSE, 120, TimeBasis.BUSINESS, 0),
                        new SlaTarget(Priority.URGENT, RESOLUTION, 480, TimeBasis.BUSINESS, 30)),
                List.of(new SlaPause(TicketStatus.WAITING_ON_CUSTOMER, Set.of(RESOLUTION))), false, false);
        Instant before = Instant.parse("2026-12-01T00:00:00Z");
        SlaConfigHistory config = SlaConfigHistory.EMPTY.withCalendar(OFFICE_ID, before, office)
                .withPolicies(before, List.of(urgent));
        java.util.function.Function<String, Instant> local = text -> java.time.LocalDateTime.parse(text)
                .atZone(berlin).toInstant();

        TicketHistory history = TicketHistory.openedAt(local.apply("2026-12-11T16:30"), Priority.URGENT);
        SlaState friday = SlaClocks.compute(history.facts(), config, local.apply("2026-12-11T16:30"));
        assertThat(cycle(friday, FIRST_RESPONSE, 1).dueAt()).isEqualTo(local.apply("2026-12-14T09:30"));
        assertThat(cycle(friday, FIRST_RESPONSE, 1).warnAt()).isEqualTo(local.apply("2026-12-14T09:15"));
        assertThat(cycle(friday, RESOLUTION, 1).dueAt()).isEqualTo(local.apply("2026-12-14T16:30"));

        history.at(local.apply("2026-12-14T09:10")).agentReplies()
                .at(local.apply("2026-12-14T10:00")).movesTo(TicketStatus.WAITING_ON_CUSTOMER)
                .at(local.apply("2026-12-15T11:00")).requesterWrites();
        SlaState tuesday = SlaClocks.compute(history.facts(), config, local.apply("2026-12-15T11:00"));
        assertThat(cycle(tuesday, FIRST_RESPONSE, 1).elapsed()).isEqualTo(Duration.ofMinutes(40));
        assertThat(cycle(tuesday, RESOLUTION, 1).state()).isEqualTo(State.PAUSED);
        assertThat(cycle(tuesday, RESOLUTION, 1).elapsed()).isEqualTo(Duration.ofMinutes(90));
        assertThat(cycle(tuesday, NEXT_RESPONSE, 1).dueAt()).isEqualTo(local.apply("2026-12-15T13:00"));

        history.at(local.apply("2026-12-15T11:20")).movesTo(TicketStatus.IN_PROGRESS)
                .at(local.apply("2026-12-15T11:25")).agentReplies();
        SlaState resumed = SlaClocks.compute(history.facts(), config, local.apply("2026-12-15T11:25"));
        assertThat(cycle(resumed, NEXT_RESPONSE, 1).met()).isTrue();
        assertThat(cycle(resumed, RESOLUTION, 1).dueAt()).isEqualTo(local.apply("2026-12-16T09:50"));
        assertThat(cycle(resumed, RESOLUTION, 1).warnAt()).isEqualTo(local.apply("2026-12-16T09:20"));

        history.at(local.apply("2026-12-16T10:05")).movesTo(TicketStatus.RESOLVED);
        SlaState done = SlaClocks.compute(history.facts(), config, local.apply("2026-12-16T12:00"));
        assertThat(done.milestones()).extracting(m -> m.metric() + " " + m.kind() + " " + m.at()).containsExactly(
                "FIRST_RESPONSE FULFILMENT " + local.apply("2026-12-14T09:10"),
                "NEXT_RESPONSE FULFILMENT " + local.apply("2026-12-15T11:25"),
                "RESOLUTION WARNING " + local.apply("2026-12-16T09:20"),
                "RESOLUTION BREACH " + local.apply("2026-12-16T09:50"),
                "RESOLUTION FULFILMENT " + local.apply("2026-12-16T10:05"));
        assertThat(cycle(done, RESOLUTION, 1).elapsed()).isEqualTo(Duration.ofMinutes(495));
    }

    @Test
    void aWhatIfRunPutsTheProposedPoliciesOverTheTicketsWholeLifeWithoutTouchingTheRealHistory() {
        Instant before = MONDAY_9.minus(Duration.ofDays(60)); // before the calendar and the policies existed
        TicketHistory history = TicketHistory.openedAt(before, Priority.URGENT);
        SlaConfigHistory proposal = CONFIG.underPolicies(List.of(policy("proposed", SlaConditions.ANY,
                TimeBasis.BUSINESS)));

        SlaState proposed = SlaClocks.compute(history.facts(), proposal, before.plus(Duration.ofHours(1)));
        // 2026-10-08 09:00 is a Thursday: the office calendar's first version counts before it was made
        assertThat(proposed.policy()).isEqualTo("proposed");
        assertThat(cycle(proposed, FIRST_RESPONSE, 1).dueAt()).isEqualTo(before.plus(Duration.ofMinutes(60)));
        assertThat(SlaClocks.compute(history.facts(), CONFIG, before.plus(Duration.ofHours(1))).policy()).isNull();
        assertThat(CONFIG.policiesAt(before)).isEmpty();
    }

    // --- helpers

    private static SlaState clocks(TicketHistory history, Instant asOf) {
        return SlaClocks.compute(history.facts(), CONFIG, asOf);
    }

    private static ClockCycle cycle(SlaState state, SlaMetric metric, int cycle) {
        return state.cycles().stream().filter(c -> c.metric() == metric && c.cycle() == cycle).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " cycle " + cycle + " in " + state));
    }

    private static Instant minutes(long minutes) {
        return MONDAY_9.plus(Duration.ofMinutes(minutes));
    }

    private static SlaTarget target(SlaMetric metric) {
        return STANDARD.target(Priority.URGENT, metric).orElseThrow();
    }

    /**
     * Urgent 60/30/240 minutes, normal 120/60/480, high like urgent; the warning 15, 5 and 30 minutes before;
     * waiting on the customer pauses next response and resolution.
     */
    private static SlaPolicy policy(String id, SlaConditions conditions, TimeBasis basis, Priority... extra) {
        List<SlaTarget> targets = new java.util.ArrayList<>();
        for (Priority priority : List.of(Priority.URGENT, Priority.HIGH)) {
            targets.add(new SlaTarget(priority, FIRST_RESPONSE, 60, basis, 15));
            targets.add(new SlaTarget(priority, NEXT_RESPONSE, 30, basis, 5));
            targets.add(new SlaTarget(priority, RESOLUTION, 240, basis, 30));
        }
        for (Priority priority : List.of(extra)) {
            targets.add(new SlaTarget(priority, FIRST_RESPONSE, 60, basis, 0));
        }
        targets.add(new SlaTarget(Priority.NORMAL, FIRST_RESPONSE, 120, basis, 0));
        targets.add(new SlaTarget(Priority.NORMAL, RESOLUTION, 480, basis, 0));
        return new SlaPolicy(id, id, conditions, basis == TimeBasis.BUSINESS ? OFFICE_ID : null, targets,
                List.of(new SlaPause(TicketStatus.WAITING_ON_CUSTOMER, Set.of(NEXT_RESPONSE, RESOLUTION))),
                false, false);
    }

    private static SlaPolicy withSettings(SlaPolicy policy, boolean internalNotesRespond, boolean automatedRespond) {
        return new SlaPolicy(policy.id(), policy.name(), policy.conditions(), policy.calendar(), policy.targets(),
                policy.pauses(), internalNotesRespond, automatedRespond);
    }
}
