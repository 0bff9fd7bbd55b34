package dev.docket.query.ticket;

import dev.docket.events.CalendarEvent;
import dev.docket.events.CommentVisibility;
import dev.docket.events.DocketEvent;
import dev.docket.events.Priority;
import dev.docket.events.SlaBreached;
import dev.docket.events.SlaFulfilled;
import dev.docket.events.SlaPolicyEvent;
import dev.docket.events.SlaWarningRaised;
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
import dev.docket.events.UserErased;
import dev.docket.events.UserEvent;
import dev.docket.events.UserRegistered;
import dev.docket.events.privacy.SealedText;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the ticket read models: the {@code ticket} row with its search vector, the view's comments and attachments,
 * and the exact counts. A batch's tickets are read at once, changed in memory event by event, and written with one
 * statement per table (new tickets, changed tickets, comments, attachments). Counts move by the difference between
 * the ticket's counted state before and after each event, collected in the batch and written once per counter row.
 */
final class TicketProjection implements Projection {

    /** Stands for "unassigned" in {@code ticket_count_by_assignee}. */
    static final UUID UNASSIGNED = new UUID(0, 0);

    private static final List<String> BY_STATUS = List.of("status", "archived");
    private static final List<String> BY_PRIORITY = List.of("status", "priority");
    private static final List<String> BY_ASSIGNEE = List.of("assignee_id", "status");

    /** What the counts count a ticket by. */
    private record Counted(String status, String priority, UUID assignee, boolean archived) {
    }

    /** How the search vector changes: not at all, rebuilt from the texts and stored comments, or comments added. */
    private enum Vector { KEEP, FULL, APPEND }

    /** A ticket's row as the batch leaves it. */
    private static final class Row {
        final UUID id;
        final boolean stored;
        String number;
        String title;
        String description;
        String status;
        String priority;
        int priorityRank;
        UUID requesterId;
        String requesterName;
        UUID assigneeId;
        String assigneeName;
        List<String> tags;
        boolean archived;
        int publicComments;
        int internalNotes;
        int attachments;
        Instant createdAt;
        Instant updatedAt;
        Instant lastActivityAt;
        long version;
        Vector vector = Vector.KEEP;
        final StringBuilder addedText = new StringBuilder();

        Row(UUID id, boolean stored) {
            this.id = id;
            this.stored = stored;
        }

        Counted counted() {
            return new Counted(status, priority, assigneeId, archived);
        }
    }

    private static final String ROW_COLUMNS = "(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::smallint[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::jsonb[], ?::boolean[], ?::int[], ?::int[], "
            + "?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::text[], ?::text[]) "
            + "AS u(id, number, title, description, status, priority, priority_rank, requester_id, requester_name, "
            + "assignee_id, assignee_name, tags, archived, public_comments, internal_notes, attachments, created_at, "
            + "updated_at, last_activity_at, version, vector, added_text)";

    private final ReadModelSql sql;
    private final JsonMapper json;
    private final Map<UUID, Row> rows = new HashMap<>();
    private final Set<UUID> changed = new LinkedHashSet<>();
    /** Display names of the people the batch's tickets name, as the batch leaves them. */
    private final Map<UUID, String> names = new HashMap<>();
    /** People renamed by the batch: tickets not loaded here that name them get the new name. */
    private final Map<UUID, String> renamed = new LinkedHashMap<>();
    private final Rows comments = new Rows(8);
    private final Rows attachments = new Rows(9);

    TicketProjection(ReadModelSql sql, JsonMapper json) {
        this.sql = sql;
        this.json = json;
    }

    @Override
    public void load(List<EventEnvelope> events) {
        String[] tickets = EventEnvelope.subjects(events, TicketEvent.class);
        if (tickets.length > 0) {
            sql.sql("""
                            SELECT id, number, title, description, status, priority, priority_rank, requester_id,
                                   requester_name, assignee_id, assignee_name, tags, archived, public_comment_count,
                                   internal_note_count, attachment_count, created_at, updated_at, last_activity_at,
                                   version
                            FROM {rm}.ticket WHERE id = ANY (?::uuid[])""")
                    .param(tickets)
                    .query(rs -> {
                        Row row = new Row(rs.getObject("id", UUID.class), true);
                        row.number = rs.getString("number");
                        row.title = rs.getString("title");
                        row.description = rs.getString("description");
                        row.status = rs.getString("status");
                        row.priority = rs.getString("priority");
                        row.priorityRank = rs.getInt("priority_rank");
                        row.requesterId = rs.getObject("requester_id", UUID.class);
                        row.requesterName = rs.getString("requester_name");
                        row.assigneeId = rs.getObject("assignee_id", UUID.class);
                        row.assigneeName = rs.getString("assignee_name");
                        row.tags = new ArrayList<>(Arrays.asList((String[]) rs.getArray("tags").getArray()));
                        row.archived = rs.getBoolean("archived");
                        row.publicComments = rs.getInt("public_comment_count");
                        row.internalNotes = rs.getInt("internal_note_count");
                        row.attachments = rs.getInt("attachment_count");
                        row.createdAt = rs.getTimestamp("created_at").toInstant();
                        row.updatedAt = rs.getTimestamp("updated_at").toInstant();
                        row.lastActivityAt = rs.getTimestamp("last_activity_at").toInstant();
                        row.version = rs.getLong("version");
                        rows.put(row.id, row);
                    });
        }
        String[] people = events.stream().map(e -> named(e.event())).filter(Objects::nonNull).map(UUID::toString)
                .distinct().toArray(String[]::new);
        if (people.length > 0) {
            PersonNames.lockShared(sql, people);
            sql.sql("SELECT id, display_name FROM {rm}.person WHERE id = ANY (?::uuid[])").param(people)
                    .query(rs -> {
                        names.put(rs.getObject(1, UUID.class), rs.getString(2));
                    });
        }
    }

    /** The person whose name a ticket copies from this event, if any. */
    private static UUID named(DocketEvent event) {
        return switch (event) {
            case TicketOpened opened -> opened.requesterId().value();
            case TicketAssigned assigned -> assigned.assigneeId().value();
            case TicketOwnershipTransferred transferred -> transferred.toRequesterId().value();
            default -> null;
        };
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        switch (envelope.event()) {
            case TicketOpened opened -> open(envelope, opened, batch);
            case TicketEvent event -> {
                Row row = rows.get(envelope.subject());
                if (row == null) {
                    throw new IllegalStateException("no ticket " + envelope.subject() + " for event "
                            + envelope.eventId() + " (version " + envelope.version() + ")");
                }
                Counted before = row.counted();
                change(envelope, event, row);
                row.version = envelope.version();
                row.updatedAt = envelope.time();
                changed.add(row.id);
                move(batch, before, row.counted());
            }
            case UserEvent event -> names(event);
            case CalendarEvent ignored -> {
                // service-level configuration: no ticket changes by it
            }
            case SlaPolicyEvent ignored -> {
                // service-level configuration: no ticket changes by it
            }
        }
    }

    private void change(EventEnvelope envelope, TicketEvent event, Row row) {
        switch (event) {
            case TicketOpened opened -> throw new IllegalStateException("ticket " + row.id + " is open already");
            case TicketEdited edited -> {
                row.title = edited.title();
                row.description = edited.description();
                row.vector = Vector.FULL;
            }
            case TicketPriorityChanged changed -> {
                row.priority = changed.to().wireName();
                row.priorityRank = rankOf(changed.to());
            }
            case TicketAssigned assigned -> {
                row.assigneeId = assigned.assigneeId().value();
                row.assigneeName = names.get(row.assigneeId);
            }
            case TicketUnassigned unassigned -> {
                row.assigneeId = null;
                row.assigneeName = null;
            }
            case TicketOwnershipTransferred transferred -> {
                row.requesterId = transferred.toRequesterId().value();
                row.requesterName = names.get(row.requesterId);
            }
            case TicketStatusChanged changed -> row.status = changed.to().wireName();
            case TicketCommentAdded comment -> comment(envelope, comment, row);
            case TicketAttachmentAdded attachment -> {
                attachments.add(attachment.attachmentId().value(), row.id, envelope.version(), attachment.fileName(),
                        attachment.mediaType(), attachment.size(), attachment.sha256(), envelope.actor(),
                        envelope.time());
                row.attachments++;
                row.lastActivityAt = envelope.time();
            }
            case TicketTagsChanged tags -> {
                List<String> kept = new ArrayList<>(row.tags);
                kept.removeAll(tags.removed());
                for (String added : tags.added()) {
                    if (!row.tags.contains(added) && !kept.contains(added)) {
                        kept.add(added);
                    }
                }
                row.tags = kept;
            }
            case TicketArchived archived -> row.archived = true;
            case TicketRestored restored -> row.archived = false;
            case SlaWarningRaised warning -> {
                // the service-level view is its own read model
            }
            case SlaBreached breach -> {
                // the service-level view is its own read model
            }
            case SlaFulfilled fulfilment -> {
                // the service-level view is its own read model
            }
        }
    }

    private void open(EventEnvelope envelope, TicketOpened opened, Batch batch) {
        Row row = new Row(opened.ticketId().value(), false);
        row.number = opened.number();
        row.title = opened.title();
        row.description = opened.description();
        row.status = TicketStatus.OPEN.wireName();
        row.priority = opened.priority().wireName();
        row.priorityRank = rankOf(opened.priority());
        row.requesterId = opened.requesterId().value();
        row.requesterName = names.get(row.requesterId);
        row.tags = new ArrayList<>(opened.tags());
        row.createdAt = envelope.time();
        row.updatedAt = envelope.time();
        row.lastActivityAt = envelope.time();
        row.version = envelope.version();
        row.vector = Vector.FULL;
        rows.put(row.id, row);
        changed.add(row.id);
        move(batch, null, row.counted());
    }

    private void comment(EventEnvelope envelope, TicketCommentAdded comment, Row row) {
        comments.add(comment.commentId().value(), row.id, envelope.version(), comment.author(),
                uuidOrNull(comment.author()), comment.visibility().wireName(), comment.body(), envelope.time());
        row.lastActivityAt = envelope.time();
        if (comment.visibility() == CommentVisibility.PUBLIC) {
            row.publicComments++;
            if (row.vector == Vector.KEEP) {
                row.vector = Vector.APPEND;
            }
            if (row.vector == Vector.APPEND) {
                row.addedText.append(row.addedText.isEmpty() ? "" : " ").append(comment.body());
            }
        } else {
            row.internalNotes++;
        }
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
            case UserErased erased -> {
                name = SealedText.ERASED;
                person = erased.userId().value();
            }
        }
        names.put(person, name);
        renamed.put(person, name);
        for (Row row : rows.values()) {
            if (person.equals(row.requesterId) && !name.equals(row.requesterName)) {
                row.requesterName = name;
                changed.add(row.id);
            }
            if (person.equals(row.assigneeId) && !name.equals(row.assigneeName)) {
                row.assigneeName = name;
                changed.add(row.id);
            }
        }
    }

    /**
     * Renames first (tickets this batch did not load), then comments (a new or edited ticket's search vector reads
     * them), then the tickets: new ones inserted, changed ones updated, each with one statement.
     */
    @Override
    public void flush() {
        renamed.forEach((person, name) -> {
            sql.sql("UPDATE {rm}.ticket SET requester_name = ? WHERE requester_id = ? AND requester_name IS DISTINCT FROM ?")
                    .params(name, person, name).update();
            sql.sql("UPDATE {rm}.ticket SET assignee_name = ? WHERE assignee_id = ? AND assignee_name IS DISTINCT FROM ?")
                    .params(name, person, name).update();
        });
        comments.write(sql, """
                INSERT INTO {rm}.ticket_comment (comment_id, ticket_id, ticket_version, author, author_id, visibility,
                                                 body, created_at)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::uuid[], ?::text[], ?::text[],
                                     ?::timestamptz[])""");
        attachments.write(sql, """
                INSERT INTO {rm}.ticket_attachment (attachment_id, ticket_id, ticket_version, file_name, media_type,
                                                    size_bytes, sha256, added_by, added_at)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                     ?::text[], ?::timestamptz[])""");
        Rows added = new Rows(22);
        Rows updated = new Rows(22);
        for (UUID id : changed) {
            Row row = rows.get(id);
            (row.stored ? updated : added).add(row.id, row.number, row.title, row.description, row.status, row.priority,
                    row.priorityRank, row.requesterId, row.requesterName, row.assigneeId, row.assigneeName,
                    json.writeValueAsString(row.tags), row.archived, row.publicComments, row.internalNotes,
                    row.attachments, row.createdAt, row.updatedAt, row.lastActivityAt, row.version, row.vector,
                    row.addedText.isEmpty() ? null : row.addedText.toString());
        }
        added.write(sql, """
                INSERT INTO {rm}.ticket (id, number, title, description, status, priority, priority_rank,
                                         requester_id, requester_name, assignee_id, assignee_name, tags, archived,
                                         public_comment_count, internal_note_count, attachment_count, created_at,
                                         updated_at, last_activity_at, version, search_vector)
                SELECT u.id, u.number, u.title, u.description, u.status, u.priority, u.priority_rank, u.requester_id,
                       u.requester_name, u.assignee_id, u.assignee_name,
                       ARRAY(SELECT jsonb_array_elements_text(u.tags)), u.archived, u.public_comments,
                       u.internal_notes, u.attachments, u.created_at, u.updated_at, u.last_activity_at, u.version,
                       %s
                FROM unnest%s""".formatted(SearchVectors.FULL, ROW_COLUMNS));
        int written = updated.write(sql, """
                UPDATE {rm}.ticket t
                SET title = u.title, description = u.description, status = u.status, priority = u.priority,
                    priority_rank = u.priority_rank, requester_id = u.requester_id, requester_name = u.requester_name,
                    assignee_id = u.assignee_id, assignee_name = u.assignee_name,
                    tags = ARRAY(SELECT jsonb_array_elements_text(u.tags)), archived = u.archived,
                    public_comment_count = u.public_comments, internal_note_count = u.internal_notes,
                    attachment_count = u.attachments, updated_at = u.updated_at, last_activity_at = u.last_activity_at,
                    version = u.version,
                    search_vector = CASE u.vector
                        WHEN 'FULL' THEN %s
                        WHEN 'APPEND' THEN t.search_vector || setweight(to_tsvector('english', u.added_text), 'C')
                        ELSE t.search_vector END
                FROM unnest%s
                WHERE t.id = u.id""".formatted(SearchVectors.FULL, ROW_COLUMNS));
        if (written != updated.size()) {
            throw new IllegalStateException((updated.size() - written) + " ticket rows vanished while applied");
        }
    }

    private static void move(Batch batch, Counted before, Counted after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            count(batch, before, -1);
        }
        if (after != null) {
            count(batch, after, 1);
        }
    }

    private static void count(Batch batch, Counted ticket, long delta) {
        batch.count(new Batch.Counter("ticket_count_by_status", BY_STATUS, List.of(ticket.status(), ticket.archived())),
                delta);
        if (!ticket.archived()) {
            batch.count(new Batch.Counter("ticket_count_by_priority", BY_PRIORITY,
                    List.of(ticket.status(), ticket.priority())), delta);
            batch.count(new Batch.Counter("ticket_count_by_assignee", BY_ASSIGNEE,
                    List.of(ticket.assignee() == null ? UNASSIGNED : ticket.assignee(), ticket.status())), delta);
        }
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
