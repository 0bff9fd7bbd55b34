package dev.docket.query.ticket;

import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import dev.docket.query.sla.TicketSla;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ticket view: the ticket with its people, conversation (internal notes flagged) and files, and for agents its
 * service-level clocks ({@code sla}, measured at the moment of the request; absent for requesters).
 */
public record TicketView(UUID id, String number, String title, String description,
                         @Schema(implementation = TicketStatus.class) String status,
                         @Schema(implementation = Priority.class) String priority,
                         TicketListItem.Person requester, TicketListItem.@Nullable Person assignee, List<String> tags,
                         boolean archived, Instant createdAt, Instant updatedAt, Instant lastActivityAt, long version,
                         Counts counts, List<Comment> comments, List<Attachment> attachments,
                         @com.fasterxml.jackson.annotation.JsonInclude(
                                 com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) TicketSla sla) {

    /** This view with its service levels (agents see them; requesters do not). */
    TicketView withSla(TicketSla clocks) {
        return new TicketView(id, number, title, description, status, priority, requester, assignee, tags, archived,
                createdAt, updatedAt, lastActivityAt, version, counts, comments, attachments, clocks);
    }

    /** @param internalNotes absent for a requester, who never sees internal notes */
    public record Counts(int publicComments,
                         @com.fasterxml.jackson.annotation.JsonInclude(
                                 com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Integer internalNotes,
                         int attachments) {
    }

    /** {@code author} is the actor who wrote it; {@code authorName} the person's display name when it is a person. */
    public record Comment(UUID id, String author, @Nullable String authorName,
                          @Schema(implementation = CommentVisibility.class) String visibility, boolean internal, String body,
                          Instant createdAt, long ticketVersion) {
    }

    public record Attachment(UUID id, String fileName, String mediaType, long size, String sha256, String addedBy,
                             Instant addedAt, long ticketVersion) {
    }
}
