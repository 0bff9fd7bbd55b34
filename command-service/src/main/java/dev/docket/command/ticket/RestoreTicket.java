package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Restore an archived ticket. */
public record RestoreTicket(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, String reason)
        implements TicketChangeCommand {
}
