package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Archive (soft-delete) a ticket, with a reason. */
public record ArchiveTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, String reason)
        implements TicketChangeCommand {
}
