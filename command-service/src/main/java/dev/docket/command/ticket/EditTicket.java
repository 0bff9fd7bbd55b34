package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a ticket's title, description or both; a null field keeps its value. */
public record EditTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, String title,
                         String description) implements TicketChangeCommand {
}
