package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A ticket's title or description (or both) was edited. Both carry the values after the edit.
 *
 * @param title       the title now, 1 to 500 characters
 * @param description the description now, possibly empty, never null
 */
@EventType(name = "dev.docket.ticket.edited", version = 2, earlier = 1)
@Revision("2")
public record TicketEdited(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description) implements TicketEvent {

    public TicketEdited {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
    }
}
