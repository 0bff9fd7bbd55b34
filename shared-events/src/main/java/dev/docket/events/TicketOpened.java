package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Objects;

/**
 * A ticket was opened. Its status is {@code open}, it is unassigned. Who opened it and when travel in the event's
 * metadata (actor, time); when the actor is not the requester, an agent opened it on the requester's behalf.
 *
 * @param ticketId    the new ticket's id
 * @param number      the human ticket number, unique, for example {@code TCK-000042}
 * @param title       one line, 1 to 500 characters
 * @param description free text, possibly empty, never null
 * @param priority    the priority it was opened with
 * @param requesterId the person the ticket is for
 * @param tags        normalised tags, possibly empty, never null
 */
@EventType(name = "dev.docket.ticket.opened", version = 2, earlier = 1)
@Revision("2")
public record TicketOpened(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("number") String number,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("priority") Priority priority,
        @JsonProperty("requesterId") UserId requesterId,
        @JsonProperty("tags") List<String> tags) implements TicketEvent {

    public TicketOpened {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(requesterId, "requesterId");
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
