package dev.docket.command.ticket;

import dev.docket.events.AttachmentId;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record an uploaded file on a ticket. Its content is already stored, addressed by {@code sha256}.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 * @param requesterOnly   set when the caller is a requester acting for themselves: then only their own ticket
 *                        takes it, and any other answers as missing
 */
public record AddAttachment(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion,
                            AttachmentId attachmentId, String fileName, String mediaType, long size, String sha256,
                            UserId requesterOnly) {

    /** An attachment by someone who works tickets. */
    public AddAttachment(TicketId ticketId, Long expectedVersion, AttachmentId attachmentId, String fileName,
                         String mediaType, long size, String sha256) {
        this(ticketId, expectedVersion, attachmentId, fileName, mediaType, size, sha256, null);
    }
}
