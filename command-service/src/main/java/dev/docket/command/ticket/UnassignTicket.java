package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a ticket's assignee away. */
public record UnassignTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion)
        implements TicketChangeCommand {
}
