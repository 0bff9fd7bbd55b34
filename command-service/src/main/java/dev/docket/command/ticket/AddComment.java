package dev.docket.command.ticket;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Write a public reply or an internal note. The author is the caller, set by the service.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record AddComment(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, CommentId commentId,
                         String author, CommentVisibility visibility, String body) {
}
