package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Archive (soft-delete) a ticket, with a reason.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record ArchiveTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, String reason) {
}
