package dev.docket.command.app;

import dev.docket.events.SlaMilestoneEvent;
import dev.docket.events.TicketEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Marks a ticket's clocks to be looked at whenever the ticket changes. Its processing group is subscribing
 * ({@code axon.eventhandling.processors.sla-planner.mode}), so the mark commits with the event or not at all: no
 * change is ever missed by the sweeper ({@link SlaSweeper}). The milestones the sweeper records change no clock.
 */
@Component
@ConditionalOnProperty(prefix = "docket.sla", name = "enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(SlaPlanner.GROUP)
class SlaPlanner {

    static final String GROUP = "sla-planner";

    private final SlaDue due;

    SlaPlanner(SlaDue due) {
        this.due = due;
    }

    @EventHandler
    void on(TicketEvent event, @Timestamp Instant at) {
        if (!(event instanceof SlaMilestoneEvent)) {
            due.changed(event.ticketId().value(), at);
        }
    }
}
