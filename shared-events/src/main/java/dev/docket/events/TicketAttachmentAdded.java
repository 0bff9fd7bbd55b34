package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A file was attached to a ticket. The event carries the file's description, never its content; the content is
 * kept by the command service, addressed by its SHA-256, and downloaded from there.
 *
 * @param fileName  the name as uploaded, without any directory part
 * @param mediaType the media type the uploader declared, for example {@code image/png}
 * @param size      the content's length in bytes
 * @param sha256    the content's SHA-256 as 64 lower-case hex digits
 */
@EventType(name = "dev.docket.ticket.attachment-added", version = 2, earlier = 1)
@Revision("2")
public record TicketAttachmentAdded(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("attachmentId") AttachmentId attachmentId,
        @JsonProperty("fileName") String fileName,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("size") long size,
        @JsonProperty("sha256") String sha256) implements TicketEvent {

    public TicketAttachmentAdded {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
    }
}
