package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Assign a ticket to an active agent or admin, or reassign it. */
public record AssignTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, UserId assigneeId)
        implements TicketChangeCommand {
}
