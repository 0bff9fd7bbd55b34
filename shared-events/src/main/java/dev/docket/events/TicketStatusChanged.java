package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A ticket moved from one status to another (never equal), along an allowed transition.
 *
 * @param reason why, possibly empty (a resolution summary, say), never null
 */
@EventType(name = "dev.docket.ticket.status-changed", version = 1)
@Revision("1")
public record TicketStatusChanged(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("from") TicketStatus from,
        @JsonProperty("to") TicketStatus to,
        @JsonProperty("reason") String reason) implements TicketEvent {

    public TicketStatusChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = reason == null ? "" : reason;
    }
}
