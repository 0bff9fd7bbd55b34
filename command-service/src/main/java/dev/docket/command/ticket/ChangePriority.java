package dev.docket.command.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a ticket's priority. */
public record ChangePriority(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, Priority priority)
        implements TicketChangeCommand {
}
