package dev.docket.query.ticket;

import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
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
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserEvent;
import dev.docket.events.UserRegistered;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.readmodel.ReadModelSql;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the ticket read models: the {@code ticket} row with its search vector, the view's comments and attachments,
 * and the exact counts. Counts move by the difference between the ticket's counted state before and after each
 * event, collected in the batch and written once per counter row before it commits.
 */
final class TicketProjection implements Projection {

    /** Stands for "unassigned" in {@code ticket_count_by_assignee}. */
    static final UUID UNASSIGNED = new UUID(0, 0);

    /** What the counts count a ticket by. */
    private record Counted(String status, String priority, UUID assignee, boolean archived) {

        Counted withStatus(String value) {
            return new Counted(value, priority, assignee, archived);
        }

        Counted withPriority(String value) {
            return new Counted(status, value, assignee, archived);
        }

        Counted withAssignee(UUID value) {
            return new Counted(status, priority, value, archived);
        }

        Counted withArchived(boolean value) {
            return new Counted(status, priority, assignee, value);
        }
    }

    /** The whole search vector from the given number, title and description, plus the stored public comments. */
    private static final String FULL_VECTOR = """
            setweight(to_tsvector('simple', number), 'A') || setweight(to_tsvector('english', ?::text), 'A')
              || setweight(to_tsvector('english', ?::text), 'B')
              || coalesce((SELECT setweight(to_tsvector('english', string_agg(c.body, ' ')), 'C')
                           FROM {rm}.ticket_comment c WHERE c.ticket_id = ticket.id AND c.visibility = 'public'),
                          ''::tsvector)""";

    private final ReadModelSql sql;

    TicketProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        switch (envelope.event()) {
            case TicketEvent event -> apply(envelope, event, batch);
            case UserEvent event -> names(event);
        }
    }

    private void apply(EventEnvelope envelope, TicketEvent event, Batch batch) {
        switch (event) {
            case TicketOpened opened -> open(envelope, opened, batch);
            case TicketEdited edited -> change(envelope, "title = ?, description = ?, search_vector = " + FULL_VECTOR,
                    edited.title(), edited.description(), edited.title(), edited.description());
            case TicketPriorityChanged changed -> {
                Counted before = counted(envelope);
                change(envelope, "priority = ?, priority_rank = ?", changed.to().wireName(), rankOf(changed.to()));
                move(batch, before, before.withPriority(changed.to().wireName()));
            }
            case TicketAssigned assigned -> {
                Counted before = counted(envelope);
                UUID assignee = assigned.assigneeId().value();
                change(envelope, "assignee_id = ?, assignee_name = (SELECT display_name FROM {rm}.person WHERE id = ?)",
                        assignee, assignee);
                move(batch, before, before.withAssignee(assignee));
            }
            case TicketUnassigned unassigned -> {
                Counted before = counted(envelope);
                change(envelope, "assignee_id = NULL, assignee_name = NULL");
                move(batch, before, before.withAssignee(null));
            }
            case TicketOwnershipTransferred transferred -> change(envelope,
                    "requester_id = ?, requester_name = (SELECT display_name FROM {rm}.person WHERE id = ?)",
                    transferred.toRequesterId().value(), transferred.toRequesterId().value());
            case TicketStatusChanged changed -> {
                Counted before = counted(envelope);
                change(envelope, "status = ?", changed.to().wireName());
                move(batch, before, before.withStatus(changed.to().wireName()));
            }
            case TicketCommentAdded comment -> comment(envelope, comment);
            case TicketAttachmentAdded attachment -> attachment(envelope, attachment);
            case TicketTagsChanged tags -> change(envelope, """
                            tags = ARRAY(SELECT t FROM unnest(tags) WITH ORDINALITY AS kept(t, i)
                                         WHERE NOT t = ANY (?::text[]) ORDER BY i)
                                || ARRAY(SELECT a FROM unnest(?::text[]) WITH ORDINALITY AS added(a, j)
                                         WHERE NOT a = ANY (tags) ORDER BY j)""",
                    tags.removed().toArray(String[]::new), tags.added().toArray(String[]::new));
            case TicketArchived archived -> {
                Counted before = counted(envelope);
                change(envelope, "archived = TRUE");
                move(batch, before, before.withArchived(true));
            }
            case TicketRestored restored -> {
                Counted before = counted(envelope);
                change(envelope, "archived = FALSE");
                move(batch, before, before.withArchived(false));
            }
        }
    }

    private void open(EventEnvelope envelope, TicketOpened opened, Batch batch) {
        Timestamp at = Timestamp.from(envelope.time());
        UUID requester = opened.requesterId().value();
        sql.sql("""
                        INSERT INTO {rm}.ticket (id, number, title, description, status, priority, priority_rank,
                                                 requester_id, requester_name, tags, created_at, updated_at,
                                                 last_activity_at, version, search_vector)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT display_name FROM {rm}.person WHERE id = ?), ?, ?, ?, ?, ?,
                                setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('english', ?), 'A')
                                || setweight(to_tsvector('english', ?), 'B'))""")
                .params(opened.ticketId().value(), opened.number(), opened.title(), opened.description(),
                        TicketStatus.OPEN.wireName(), opened.priority().wireName(), rankOf(opened.priority()),
                        requester, requester, opened.tags().toArray(String[]::new), at, at, at, envelope.version(),
                        opened.number(), opened.title(), opened.description())
                .update();
        move(batch, null, new Counted(TicketStatus.OPEN.wireName(), opened.priority().wireName(), null, false));
    }

    private void comment(EventEnvelope envelope, TicketCommentAdded comment) {
        sql.sql("""
                        INSERT INTO {rm}.ticket_comment (comment_id, ticket_id, ticket_version, author, author_id,
                                                         visibility, body, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(comment.commentId().value(), comment.ticketId().value(), envelope.version(), comment.author(),
                        uuidOrNull(comment.author()), comment.visibility().wireName(), comment.body(),
                        Timestamp.from(envelope.time()))
                .update();
        if (comment.visibility() == CommentVisibility.PUBLIC) {
            change(envelope, """
                            public_comment_count = public_comment_count + 1, last_activity_at = ?,
                            search_vector = search_vector || setweight(to_tsvector('english', ?::text), 'C')""",
                    Timestamp.from(envelope.time()), comment.body());
        } else {
            change(envelope, "internal_note_count = internal_note_count + 1, last_activity_at = ?",
                    Timestamp.from(envelope.time()));
        }
    }

    private void attachment(EventEnvelope envelope, TicketAttachmentAdded attachment) {
        sql.sql("""
                        INSERT INTO {rm}.ticket_attachment (attachment_id, ticket_id, ticket_version, file_name,
                                                            media_type, size_bytes, sha256, added_by, added_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(attachment.attachmentId().value(), attachment.ticketId().value(), envelope.version(),
                        attachment.fileName(), attachment.mediaType(), attachment.size(), attachment.sha256(),
                        envelope.actor(), Timestamp.from(envelope.time()))
                .update();
        change(envelope, "attachment_count = attachment_count + 1, last_activity_at = ?",
                Timestamp.from(envelope.time()));
    }

    /** Lists show requester and assignee names: a person's (new) name reaches every ticket that names them. */
    private void names(UserEvent event) {
        String name;
        UUID person;
        switch (event) {
            case UserRegistered registered -> {
                name = registered.displayName();
                person = registered.userId().value();
            }
            case UserDisplayNameChanged changed -> {
                name = changed.displayName();
                person = changed.userId().value();
            }
            case UserDeactivated ignored -> {
                return;
            }
        }
        sql.sql("UPDATE {rm}.ticket SET requester_name = ? WHERE requester_id = ? AND requester_name IS DISTINCT FROM ?")
                .params(name, person, name).update();
        sql.sql("UPDATE {rm}.ticket SET assignee_name = ? WHERE assignee_id = ? AND assignee_name IS DISTINCT FROM ?")
                .params(name, person, name).update();
    }

    private Counted counted(EventEnvelope envelope) {
        return sql.sql("SELECT status, priority, assignee_id, archived FROM {rm}.ticket WHERE id = ?")
                .param(UUID.fromString(envelope.subject()))
                .query((rs, n) -> new Counted(rs.getString("status"), rs.getString("priority"),
                        rs.getObject("assignee_id", UUID.class), rs.getBoolean("archived")))
                .optional()
                .orElseThrow(() -> missing(envelope));
    }

    /** Applies a later event's {@code changes} (SQL assignments) and the ticket's new version. */
    private void change(EventEnvelope envelope, String changes, Object... values) {
        List<Object> params = new ArrayList<>(Arrays.asList(values));
        params.addAll(List.of(envelope.version(), Timestamp.from(envelope.time()), UUID.fromString(envelope.subject())));
        int updated = sql.sql("UPDATE {rm}.ticket SET " + changes + ", version = ?, updated_at = ? WHERE id = ?")
                .params(params).update();
        if (updated != 1) {
            throw missing(envelope);
        }
    }

    private static IllegalStateException missing(EventEnvelope envelope) {
        return new IllegalStateException("no ticket " + envelope.subject() + " for event " + envelope.eventId()
                + " (version " + envelope.version() + ")");
    }

    private static void move(Batch batch, Counted before, Counted after) {
        if (before != null) {
            count(batch, before, -1);
        }
        if (after != null) {
            count(batch, after, 1);
        }
    }

    private static void count(Batch batch, Counted ticket, long delta) {
        batch.count("ticket_count_by_status", key("status", ticket.status(), "archived", ticket.archived()), delta);
        if (!ticket.archived()) {
            batch.count("ticket_count_by_priority", key("status", ticket.status(), "priority", ticket.priority()), delta);
            batch.count("ticket_count_by_assignee", key("assignee_id",
                    ticket.assignee() == null ? UNASSIGNED : ticket.assignee(), "status", ticket.status()), delta);
        }
    }

    private static Map<String, Object> key(String column1, Object value1, String column2, Object value2) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(column1, value1);
        key.put(column2, value2);
        return key;
    }

    static int rankOf(Priority priority) {
        return priority.ordinal() + 1;
    }

    private static UUID uuidOrNull(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAPerson) {
            return null;
        }
    }
}
