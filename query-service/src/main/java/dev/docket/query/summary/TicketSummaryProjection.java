package dev.docket.query.summary;

import dev.docket.events.CommentVisibility;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserEvent;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code ticket_summary}. The row's version is the exactly-once guard: an event applies only to the version
 * right before it. An event whose version the row has already reached is a redelivery and changes nothing; an event
 * that would skip a version means one is missing, and is refused (the consumer stops on it and retries) rather than
 * applied over the hole.
 */
@Component
public class TicketSummaryProjection implements Projection {

    static final String OPEN = "open";

    private final JdbcClient jdbc;

    public TicketSummaryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        switch (envelope.event()) {
            case TicketEvent event -> apply(envelope, event);
            case UserEvent ignored -> {
                // people are shown by id here; the people read model arrives with the full query side
            }
        }
    }

    private void apply(EventEnvelope envelope, TicketEvent event) {
        switch (event) {
            case TicketOpened opened -> open(envelope, opened);
            case TicketEdited edited -> advance(envelope, "title = ?, description = ?", edited.title(),
                    edited.description());
            case TicketPriorityChanged changed -> advance(envelope, "priority = ?", changed.to().wireName());
            case TicketAssigned assigned -> advance(envelope, "assignee_id = ?", assigned.assigneeId().value());
            case TicketUnassigned unassigned -> advance(envelope, "assignee_id = NULL");
            case TicketOwnershipTransferred transferred -> advance(envelope, "requester_id = ?",
                    transferred.toRequesterId().value());
            case TicketStatusChanged changed -> advance(envelope, "status = ?", changed.to().wireName());
            case TicketCommentAdded comment -> advance(envelope, comment.visibility() == CommentVisibility.PUBLIC
                    ? "public_comment_count = public_comment_count + 1"
                    : "internal_note_count = internal_note_count + 1");
            case TicketAttachmentAdded attachment -> advance(envelope, "attachment_count = attachment_count + 1");
            case TicketTagsChanged tags -> advance(envelope,
                    "tags = ARRAY(SELECT t FROM unnest(tags) AS t WHERE NOT t = ANY (?::text[])) || ?::text[]",
                    tags.removed().toArray(String[]::new), tags.added().toArray(String[]::new));
            case TicketArchived archived -> advance(envelope, "archived = TRUE");
            case TicketRestored restored -> advance(envelope, "archived = FALSE");
        }
    }

    /** The first event of a ticket: inserted once; a redelivery finds the row and does nothing. */
    private void open(EventEnvelope envelope, TicketOpened opened) {
        Timestamp at = Timestamp.from(envelope.time());
        jdbc.sql("""
                        INSERT INTO ticket_summary (id, number, title, description, status, priority, requester_id, tags,
                                                    created_at, updated_at, version, last_event_id, last_position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(opened.ticketId().value(), opened.number(), opened.title(), opened.description(), OPEN,
                        opened.priority().wireName(), opened.requesterId().value(),
                        opened.tags().toArray(String[]::new), at, at, envelope.version(),
                        UUID.fromString(envelope.eventId()), envelope.position())
                .update();
    }

    /**
     * Applies a later event's {@code changes} (SQL assignments) if the row is at the version right before it.
     *
     * @throws IllegalStateException when the row is missing or behind: an earlier event has not been applied
     */
    private void advance(EventEnvelope envelope, String changes, Object... values) {
        List<Object> params = new ArrayList<>(Arrays.asList(values));
        params.addAll(List.of(envelope.version(), Timestamp.from(envelope.time()), UUID.fromString(envelope.eventId()),
                envelope.position(), UUID.fromString(envelope.subject()), envelope.version() - 1));
        int updated = jdbc.sql("UPDATE ticket_summary SET " + changes
                        + ", version = ?, updated_at = ?, last_event_id = ?, last_position = ? WHERE id = ? AND version = ?")
                .params(params)
                .update();
        if (updated == 1) {
            return;
        }
        Long current = jdbc.sql("SELECT version FROM ticket_summary WHERE id = ?")
                .param(UUID.fromString(envelope.subject())).query(Long.class).optional().orElse(null);
        if (current != null && current >= envelope.version()) {
            return; // a redelivery: already applied
        }
        throw new IllegalStateException("ticket " + envelope.subject() + " is at version "
                + (current == null ? "none" : current) + "; event " + envelope.eventId() + " brings version "
                + envelope.version() + ": an earlier event is missing");
    }
}
