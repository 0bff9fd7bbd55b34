package dev.docket.command.ticket;

import dev.docket.events.AttachmentId;
import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record an uploaded file on a ticket. Its content is already stored, addressed by {@code sha256}.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies the change to the latest
 */
public record AddAttachment(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion,
                            AttachmentId attachmentId, String fileName, String mediaType, long size, String sha256) {
}
