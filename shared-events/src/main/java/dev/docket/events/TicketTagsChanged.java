package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Objects;

/**
 * Tags were added to or removed from a ticket. Both lists hold normalised tags; {@code added} never names a tag the
 * ticket had, {@code removed} only tags it had, and at least one of them is non-empty.
 */
@EventType(name = "dev.docket.ticket.tags-changed", version = 1)
@Revision("1")
public record TicketTagsChanged(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("added") List<String> added,
        @JsonProperty("removed") List<String> removed) implements TicketEvent {

    public TicketTagsChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
    }
}
