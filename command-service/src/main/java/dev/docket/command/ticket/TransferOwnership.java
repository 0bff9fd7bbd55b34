package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make another person the ticket's requester, with a reason. */
public record TransferOwnership(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, UserId requesterId,
                                String reason) implements TicketChangeCommand {
}
