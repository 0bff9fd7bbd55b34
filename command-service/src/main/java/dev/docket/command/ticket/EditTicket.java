package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change a ticket's title, description or both; a null field keeps its value.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record EditTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, String title,
                         String description) {
}
