package dev.docket.command.ticket;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.ErrorCode;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Write a public reply or an internal note. The author is the caller, set by the service. A requester
 * ({@code requesterOnly} set) writes public replies only.
 */
public record AddComment(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, CommentId commentId,
                         String author, CommentVisibility visibility, String body, UserId requesterOnly)
        implements TicketChangeCommand {

    /** A requester writes public replies only, whichever ticket: refused before any ticket is looked at. */
    public AddComment {
        if (requesterOnly != null && visibility == CommentVisibility.INTERNAL) {
            throw new DocketException(ErrorCode.FORBIDDEN, "Requesters write public replies only.");
        }
    }

    /** A comment by someone who works tickets. */
    public AddComment(TicketId ticketId, Long expectedVersion, CommentId commentId, String author,
                      CommentVisibility visibility, String body) {
        this(ticketId, expectedVersion, commentId, author, visibility, body, null);
    }
}
