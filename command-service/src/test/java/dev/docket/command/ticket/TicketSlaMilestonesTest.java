package dev.docket.command.ticket;

import dev.docket.command.app.CommandTargets;
import dev.docket.events.ErrorCode;
import dev.docket.events.Priority;
import dev.docket.events.SlaBreached;
import dev.docket.events.SlaFulfilled;
import dev.docket.events.SlaWarningRaised;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaMilestone;
import dev.docket.events.sla.SlaMilestone.Kind;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TimeBasis;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.docket.command.Refusals.refusal;
import static dev.docket.command.ticket.TicketTest.ID;
import static dev.docket.command.ticket.TicketTest.opened;

/** Given/when/then for recording service-level milestones: each once, only on the history they were computed from. */
class TicketSlaMilestonesTest {

    private static final Instant DUE = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant WARN = Instant.parse("2026-12-07T09:45:00Z");
    private static final SlaTarget TARGET = new SlaTarget(Priority.URGENT, SlaMetric.FIRST_RESPONSE, 60,
            TimeBasis.CALENDAR, 15);
    private static final SlaMilestone WARNING = new SlaMilestone(SlaMetric.FIRST_RESPONSE, 1, Kind.WARNING, WARN,
            "standard", TARGET, DUE, false);
    private static final SlaMilestone BREACH = new SlaMilestone(SlaMetric.FIRST_RESPONSE, 1, Kind.BREACH, DUE,
            "standard", TARGET, DUE, true);
    private static final SlaMilestone FULFILMENT = new SlaMilestone(SlaMetric.FIRST_RESPONSE, 1, Kind.FULFILMENT,
            DUE.plusSeconds(60), "standard", TARGET, null, true);

    private FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerCommandTargetResolver(new CommandTargets());
    }

    @Test
    void recordsEachMilestoneAsItsEventInOrder() {
        fixture.given(opened())
                .when(new RecordSlaMilestones(ID, 1, List.of(WARNING, BREACH, FULFILMENT)))
                .expectEvents(new SlaWarningRaised(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", WARN, DUE),
                        new SlaBreached(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", DUE),
                        new SlaFulfilled(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", DUE.plusSeconds(60), true))
                .expectResultMessagePayload(new TicketChange(ID, 4));
    }

    @Test
    void aMilestoneAlreadyRecordedIsNotRecordedAgain() {
        fixture.given(opened(), new SlaWarningRaised(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", WARN, DUE))
                .when(new RecordSlaMilestones(ID, 2, List.of(WARNING, BREACH)))
                .expectEvents(new SlaBreached(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", DUE));
    }

    @Test
    void theSameKindInAnotherCycleIsAnotherMilestone() {
        SlaMilestone nextCycle = new SlaMilestone(SlaMetric.FIRST_RESPONSE, 2, Kind.BREACH, DUE.plusSeconds(600),
                "standard", TARGET, DUE.plusSeconds(600), true);
        fixture.given(opened(), new SlaBreached(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", DUE))
                .when(new RecordSlaMilestones(ID, 2, List.of(BREACH, nextCycle)))
                .expectEvents(new SlaBreached(ID, SlaMetric.FIRST_RESPONSE, 2, "standard", DUE.plusSeconds(600)));
    }

    @Test
    void milestonesComputedFromAnOlderHistoryAreRefusedWhole() {
        fixture.given(opened(), new TicketStatusChanged(ID, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, ""))
                .when(new RecordSlaMilestones(ID, 1, List.of(BREACH)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.VERSION_MISMATCH, "currentVersion", 2L));
    }

    @Test
    void aClosedAndArchivedTicketStillRecordsWhatItsClocksOwed() {
        fixture.given(opened(), new TicketStatusChanged(ID, TicketStatus.OPEN, TicketStatus.RESOLVED, ""),
                        new TicketStatusChanged(ID, TicketStatus.RESOLVED, TicketStatus.CLOSED, ""),
                        new TicketArchived(ID, "done"))
                .when(new RecordSlaMilestones(ID, 4, List.of(FULFILMENT)))
                .expectEvents(new SlaFulfilled(ID, SlaMetric.FIRST_RESPONSE, 1, "standard", DUE.plusSeconds(60), true));
    }
}
