package dev.docket.query.audit;

import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads of {@code audit_entry}, each served by one of its indexes. */
final class AuditQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "event_id, subject_id, subject_type, version, event_type, occurred_at, actor, "
            + "correlation_id, causation_id, position, changes::text AS changes";
    private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(rs.getString("event_id"),
            rs.getObject("subject_id", UUID.class), rs.getString("subject_type"), rs.getLong("version"),
            rs.getString("event_type"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"), rs.getString("correlation_id"), rs.getString("causation_id"),
            rs.getLong("position"), JSON.readTree(rs.getString("changes")));

    private AuditQueries() {
    }

    /** A subject's events in version order, after {@code afterVersion}; internal notes only when asked for. */
    static List<AuditEntry> history(ReadModelSql sql, UUID subject, long afterVersion, int limit,
                                    boolean withInternalNotes) {
        return sql.sql("SELECT " + COLUMNS + " FROM {rm}.audit_entry WHERE subject_id = ? AND version > ? "
                        + (withInternalNotes ? "" : "AND (changes->'comment'->>'visibility') IS DISTINCT FROM 'internal' ")
                        + "ORDER BY version LIMIT ?")
                .params(subject, afterVersion, limit).query(ROW).list();
    }

    /** Whether the ticket is one the requester requested (as the ticket read model has it now). */
    static boolean requestedBy(ReadModelSql sql, UUID ticket, UUID requester) {
        return sql.sql("SELECT EXISTS (SELECT 1 FROM {rm}.ticket WHERE id = ? AND requester_id = ?)")
                .params(ticket, requester).query(Boolean.class).single();
    }

    static boolean subjectKnown(ReadModelSql sql, UUID subject) {
        return sql.sql("SELECT EXISTS (SELECT 1 FROM {rm}.subject_progress WHERE subject_id = ? AND version > 0)")
                .param(subject).query(Boolean.class).single();
    }

    /**
     * Events in time order, optionally of one actor and within [from, to), after the (time, event id) of the
     * previous page's last entry.
     */
    static List<AuditEntry> across(ReadModelSql sql, String actor, Instant from, Instant to, Instant afterTime,
                                   String afterEventId, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (actor != null) {
            conditions.add("actor = ?");
            params.add(actor);
        }
        if (from != null) {
            conditions.add("occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            conditions.add("occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        if (afterTime != null) {
            conditions.add("(occurred_at, event_id) > (?, ?)");
            params.add(Timestamp.from(afterTime));
            params.add(afterEventId);
        }
        params.add(limit);
        return sql.sql("SELECT " + COLUMNS + " FROM {rm}.audit_entry"
                        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                        + " ORDER BY occurred_at, event_id LIMIT ?")
                .params(params).query(ROW).list();
    }
}
