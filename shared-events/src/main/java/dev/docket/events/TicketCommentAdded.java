package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A comment was written on a ticket. Comments are immutable: no event edits or removes one.
 *
 * @param commentId  the comment's id
 * @param author     who wrote it: the authenticated caller (the same value as the event's {@code actor})
 * @param visibility {@code public} (the requester sees it) or {@code internal} (agents only)
 * @param body       the text, 1 to 50,000 characters
 */
@EventType(name = "dev.docket.ticket.comment-added", version = 2, earlier = 1)
@Revision("2")
public record TicketCommentAdded(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("commentId") CommentId commentId,
        @JsonProperty("author") String author,
        @JsonProperty("visibility") CommentVisibility visibility,
        @JsonProperty("body") String body) implements TicketEvent {

    public TicketCommentAdded {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(body, "body");
    }
}
