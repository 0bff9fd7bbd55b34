package dev.docket.command.ticket;

import dev.docket.events.SlaBreached;
import dev.docket.events.SlaFulfilled;
import dev.docket.events.SlaWarningRaised;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketId;
import dev.docket.events.sla.SlaMilestone;

/** A clock's milestone as the ticket event that records it. */
final class SlaEvents {

    private SlaEvents() {
    }

    static TicketEvent of(TicketId ticket, SlaMilestone milestone) {
        return switch (milestone.kind()) {
            case WARNING -> new SlaWarningRaised(ticket, milestone.metric(), milestone.cycle(), milestone.policy(),
                    milestone.at(), milestone.dueAt());
            case BREACH -> new SlaBreached(ticket, milestone.metric(), milestone.cycle(), milestone.policy(),
                    milestone.at());
            case FULFILMENT -> new SlaFulfilled(ticket, milestone.metric(), milestone.cycle(), milestone.policy(),
                    milestone.at(), milestone.breached());
        };
    }
}
