package dev.docket.command.ticket;

import dev.docket.events.AttachmentId;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an uploaded file on a ticket. Its content is already stored, addressed by {@code sha256}. */
public record AddAttachment(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion,
                            AttachmentId attachmentId, String fileName, String mediaType, long size, String sha256,
                            UserId requesterOnly) implements TicketChangeCommand {

    /** An attachment by someone who works tickets. */
    public AddAttachment(TicketId ticketId, Long expectedVersion, AttachmentId attachmentId, String fileName,
                         String mediaType, long size, String sha256) {
        this(ticketId, expectedVersion, attachmentId, fileName, mediaType, size, sha256, null);
    }
}
