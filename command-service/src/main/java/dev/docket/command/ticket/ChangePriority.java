package dev.docket.command.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change a ticket's priority.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record ChangePriority(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, Priority priority) {
}
