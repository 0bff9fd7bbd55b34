package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Make another person the ticket's requester, with a reason.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record TransferOwnership(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, UserId requesterId,
                                String reason) {
}
