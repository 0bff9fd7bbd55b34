package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * An archived ticket was restored, in the status it had.
 *
 * @param reason why, possibly empty, never null
 */
@EventType(name = "dev.docket.ticket.restored", version = 1)
@Revision("1")
public record TicketRestored(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("reason") String reason) implements TicketEvent {

    public TicketRestored {
        Objects.requireNonNull(ticketId, "ticketId");
        reason = reason == null ? "" : reason;
    }
}
