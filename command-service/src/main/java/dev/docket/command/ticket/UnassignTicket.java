package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take a ticket's assignee away.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record UnassignTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion) {
}
