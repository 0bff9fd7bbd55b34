package dev.docket.query.ticket;

import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
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
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps {@code ticket_field_history}: each value a ticket field held and the versions between which it held it. A
 * batch loads the spans its tickets hold open, closes a span when its field changes (or its tag is removed) and opens
 * the next one; new spans are inserted and closed stored ones updated, one statement each. Titles and descriptions are
 * spans without a value, from the first edit on: their texts stay in the audit entries (the opening's until then),
 * where an erasure replaces them. Runs after the audit
 * projection and before the ticket projection, so the ticket row still holds the texts from before an edit: a span
 * opens exactly when the audit entry records a change of text.
 */
final class TicketHistoryProjection implements Projection {

    static final String STATUS = "status";
    static final String PRIORITY = "priority";
    static final String ASSIGNEE = "assignee";
    static final String REQUESTER = "requester";
    static final String ARCHIVED = "archived";
    static final String TAG = "tag";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";

    /** One value of one field, from a version until the next change. */
    private static final class Span {
        final UUID ticket;
        final String field;
        final String value;
        final int ordinal;
        final long fromVersion;
        final boolean stored;
        Instant fromTime;
        String setBy;
        String eventId;
        String previous;
        Long toVersion;
        Instant toTime;
        String endedBy;

        Span(UUID ticket, String field, String value, int ordinal, long fromVersion, boolean stored) {
            this.ticket = ticket;
            this.field = field;
            this.value = value;
            this.ordinal = ordinal;
            this.fromVersion = fromVersion;
            this.stored = stored;
        }

        /** Where the ticket's open spans keep it: by field, and tags by their text. */
        String slot() {
            return TAG.equals(field) ? TAG + ":" + value : field;
        }
    }

    private record Texts(String title, String description) {
    }

    private final ReadModelSql sql;
    /** Per ticket, the spans open as the batch leaves them, by slot. */
    private final Map<UUID, Map<String, Span>> open = new HashMap<>();
    private final Map<UUID, Texts> texts = new HashMap<>();
    private final List<Span> opened = new ArrayList<>();
    private final List<Span> closed = new ArrayList<>();

    TicketHistoryProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @Override
    public void load(List<EventEnvelope> events) {
        String[] tickets = EventEnvelope.subjects(events, TicketEvent.class);
        if (tickets.length == 0) {
            return;
        }
        sql.sql("""
                        SELECT ticket_id, field, value, ordinal, from_version FROM {rm}.ticket_field_history
                        WHERE ticket_id = ANY (?::uuid[]) AND to_version IS NULL""")
                .param(tickets)
                .query(rs -> {
                    Span span = new Span(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getLong(5), true);
                    open.computeIfAbsent(span.ticket, t -> new LinkedHashMap<>()).put(span.slot(), span);
                });
        String[] edited = EventEnvelope.subjects(events, TicketEdited.class);
        if (edited.length > 0) {
            sql.sql("SELECT id, title, description FROM {rm}.ticket WHERE id = ANY (?::uuid[])").param(edited)
                    .query(rs -> {
                        texts.put(rs.getObject(1, UUID.class), new Texts(rs.getString(2), rs.getString(3)));
                    });
        }
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        if (!(envelope.event() instanceof TicketEvent event)) {
            return;
        }
        Change change = new Change(envelope);
        switch (event) {
            case TicketOpened opened -> {
                texts.put(envelope.subject(), new Texts(opened.title(), opened.description()));
                change.set(STATUS, TicketStatus.OPEN.wireName());
                change.set(PRIORITY, opened.priority().wireName());
                change.set(REQUESTER, opened.requesterId().value().toString());
                change.set(ASSIGNEE, null);
                change.set(ARCHIVED, "false");
                // the opening's texts need no span: until an edit, they are the opening event's
                int ordinal = 0;
                for (String tag : opened.tags().stream().distinct().toList()) {
                    change.addTag(tag, ordinal++);
                }
            }
            case TicketEdited edited -> {
                Texts before = texts.put(envelope.subject(), new Texts(edited.title(), edited.description()));
                if (before == null || !Objects.equals(before.title(), edited.title())) {
                    change.reset(TITLE);
                }
                if (before == null || !Objects.equals(before.description(), edited.description())) {
                    change.reset(DESCRIPTION);
                }
            }
            case TicketPriorityChanged changed -> change.set(PRIORITY, changed.to().wireName());
            case TicketAssigned assigned -> change.set(ASSIGNEE, assigned.assigneeId().value().toString());
            case TicketUnassigned unassigned -> change.set(ASSIGNEE, null);
            case TicketOwnershipTransferred transferred -> change.set(REQUESTER,
                    transferred.toRequesterId().value().toString());
            case TicketStatusChanged changed -> change.set(STATUS, changed.to().wireName());
            case TicketArchived archived -> change.set(ARCHIVED, "true");
            case TicketRestored restored -> change.set(ARCHIVED, "false");
            case TicketTagsChanged tags -> change.tags(tags);
            default -> {
                // comments, attachments and service-level milestones change no field that has a history here
            }
        }
    }

    /** What one event does to its ticket's spans. */
    private final class Change {

        private final EventEnvelope envelope;
        private final Map<String, Span> spans;

        Change(EventEnvelope envelope) {
            this.envelope = envelope;
            this.spans = open.computeIfAbsent(envelope.subject(), t -> new LinkedHashMap<>());
        }

        /** The field now holds {@code value}: a new span unless it held it already. */
        void set(String field, String value) {
            Span current = spans.get(field);
            if (current != null && Objects.equals(current.value, value)) {
                return;
            }
            String previous = current == null ? null : current.value;
            close(current);
            start(field, value, 0, previous);
        }

        /** A text field changed: its span starts again (the text itself is the audit entry's). */
        void reset(String field) {
            close(spans.get(field));
            start(field, null, 0, null);
        }

        /** Tags as the ticket projection changes them: removals first; an addition only of a tag it did not carry. */
        void tags(TicketTagsChanged change) {
            List<String> before = spans.values().stream().filter(s -> TAG.equals(s.field)).map(s -> s.value).toList();
            for (String removed : change.removed()) {
                close(spans.get(TAG + ":" + removed));
            }
            int ordinal = 0;
            List<String> added = new ArrayList<>();
            for (String tag : change.added()) {
                if (!before.contains(tag) && !added.contains(tag)) {
                    added.add(tag);
                    addTag(tag, ordinal++);
                }
            }
        }

        void addTag(String tag, int ordinal) {
            start(TAG, tag, ordinal, null);
        }

        private void start(String field, String value, int ordinal, String previous) {
            Span span = new Span(envelope.subject(), field, value, ordinal, envelope.version(), false);
            span.fromTime = envelope.time();
            span.setBy = envelope.actor();
            span.eventId = TITLE.equals(field) || DESCRIPTION.equals(field) ? envelope.eventId() : null;
            span.previous = previous;
            spans.put(span.slot(), span);
            opened.add(span);
        }

        private void close(Span span) {
            if (span == null) {
                return;
            }
            spans.remove(span.slot());
            span.toVersion = envelope.version();
            span.toTime = envelope.time();
            span.endedBy = envelope.actor();
            if (span.stored) {
                closed.add(span);
            }
        }
    }

    @Override
    public void flush() {
        Rows closes = new Rows(7);
        closed.forEach(s -> closes.add(s.ticket, s.field, s.fromVersion, s.ordinal, s.toVersion, s.toTime,
                s.endedBy));
        int updated = closes.write(sql, """
                UPDATE {rm}.ticket_field_history h
                SET to_version = u.to_version, to_time = u.to_time, ended_by = u.ended_by
                FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::smallint[], ?::bigint[], ?::timestamptz[],
                            ?::text[]) AS u(ticket_id, field, from_version, ordinal, to_version, to_time, ended_by)
                WHERE h.ticket_id = u.ticket_id AND h.field = u.field AND h.from_version = u.from_version
                  AND h.ordinal = u.ordinal AND h.to_version IS NULL""");
        if (updated != closed.size()) {
            throw new IllegalStateException((closed.size() - updated) + " open field spans vanished while applied");
        }
        Rows inserts = new Rows(12);
        opened.stream().sorted(Comparator.comparing((Span s) -> s.ticket).thenComparing(s -> s.field)
                        .thenComparingLong(s -> s.fromVersion).thenComparingInt(s -> s.ordinal))
                .forEach(s -> inserts.add(s.ticket, s.field, s.value, s.ordinal, s.fromVersion, s.fromTime, s.setBy,
                        s.eventId, s.previous, s.toVersion, s.toTime, s.endedBy));
        inserts.write(sql, """
                INSERT INTO {rm}.ticket_field_history (ticket_id, field, value, ordinal, from_version, from_time,
                                                       set_by, event_id, previous, to_version, to_time, ended_by)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::smallint[], ?::bigint[], ?::timestamptz[],
                                     ?::text[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[])""");
    }
}
