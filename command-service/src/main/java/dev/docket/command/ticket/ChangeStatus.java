package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a ticket to another status along the transition table. */
public record ChangeStatus(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, TicketStatus status,
                           String reason) implements TicketChangeCommand {
}
