package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A ticket was archived (soft-deleted): hidden from default lists and closed to every change except restoring.
 * Nothing is erased; its history stays.
 *
 * @param reason why, 1 to 1,000 characters
 */
@EventType(name = "dev.docket.ticket.archived", version = 1)
@Revision("1")
public record TicketArchived(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("reason") String reason) implements TicketEvent {

    public TicketArchived {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(reason, "reason");
    }
}
