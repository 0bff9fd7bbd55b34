package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/** A ticket's priority changed from {@code from} to {@code to} (never equal). */
@EventType(name = "dev.docket.ticket.priority-changed", version = 1)
@Revision("1")
public record TicketPriorityChanged(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("from") Priority from,
        @JsonProperty("to") Priority to) implements TicketEvent {

    public TicketPriorityChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
