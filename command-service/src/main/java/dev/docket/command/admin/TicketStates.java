package dev.docket.command.admin;

import dev.docket.events.SlaBreached;
import dev.docket.events.SlaFulfilled;
import dev.docket.events.SlaWarningRaised;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatusChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every ticket as its events say it is, folded in SQL straight from the event store (nothing the read side
 * computed): version, status, archived, its comment, internal note and attachment counts, and the service-level
 * milestones it recorded. In ticket id order,
 * a page at a time, for the consistency check.
 */
@Repository
class TicketStates {

    /**
     * One ticket as the event store has it.
     *
     * @param slaMilestones the service-level milestones it recorded, in order, each as
     *                      {@code metric/cycle/kind@instant} ({@code first_response/1/breach@2026-12-04T10:00:00Z})
     */
    record TicketState(String id, long version, String status, boolean archived, long publicComments,
                       long internalNotes, long attachments, List<String> slaMilestones) {
    }

    private final JdbcClient jdbc;

    TicketStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} tickets with an id after {@code after} (empty: from the first). */
    @Transactional(readOnly = true)
    List<TicketState> page(String after, int limit) {
        return jdbc.sql("""
                        WITH tickets AS (
                            SELECT aggregate_identifier FROM domain_event_entry
                            WHERE payload_type = :opened AND aggregate_identifier > :after
                            ORDER BY aggregate_identifier LIMIT :limit),
                        events AS (
                            SELECT e.aggregate_identifier, e.sequence_number, e.payload_type,
                                   convert_from(e.payload, 'UTF8')::jsonb AS payload
                            FROM domain_event_entry e JOIN tickets USING (aggregate_identifier))
                        SELECT aggregate_identifier AS id,
                               max(sequence_number) + 1 AS version,
                               coalesce((array_agg(payload ->> 'to' ORDER BY sequence_number DESC)
                                   FILTER (WHERE payload_type = :status))[1], 'open') AS status,
                               coalesce((array_agg(payload_type ORDER BY sequence_number DESC)
                                   FILTER (WHERE payload_type IN (:archived, :restored)))[1] = :archived, FALSE) AS archived,
                               count(*) FILTER (WHERE payload_type = :comment
                                   AND payload ->> 'visibility' = 'public') AS public_comments,
                               count(*) FILTER (WHERE payload_type = :comment
                                   AND payload ->> 'visibility' = 'internal') AS internal_notes,
                               count(*) FILTER (WHERE payload_type = :attachment) AS attachments,
                               coalesce(array_agg(concat_ws('|', payload_type, payload ->> 'metric',
                                                            payload ->> 'cycle', coalesce(payload ->> 'warnedAt',
                                                            payload ->> 'fulfilledAt', payload ->> 'dueAt'))
                                                  ORDER BY sequence_number)
                                   FILTER (WHERE payload_type IN (:warning, :breach, :fulfilment)), '{}') AS sla
                        FROM events GROUP BY aggregate_identifier ORDER BY aggregate_identifier""")
                .param("opened", TicketOpened.class.getName())
                .param("status", TicketStatusChanged.class.getName())
                .param("archived", TicketArchived.class.getName())
                .param("restored", TicketRestored.class.getName())
                .param("comment", TicketCommentAdded.class.getName())
                .param("attachment", TicketAttachmentAdded.class.getName())
                .param("warning", SlaWarningRaised.class.getName())
                .param("breach", SlaBreached.class.getName())
                .param("fulfilment", SlaFulfilled.class.getName())
                .param("after", after)
                .param("limit", limit)
                .query((rs, n) -> new TicketState(rs.getString("id"), rs.getLong("version"), rs.getString("status"),
                        rs.getBoolean("archived"), rs.getLong("public_comments"), rs.getLong("internal_notes"),
                        rs.getLong("attachments"), milestones((String[]) rs.getArray("sla").getArray())))
                .list();
    }

    /** {@code type|metric|cycle|instant} as {@code metric/cycle/kind@instant}, the instant as ISO-8601. */
    private static List<String> milestones(String[] stored) {
        List<String> milestones = new ArrayList<>();
        for (String row : stored) {
            String[] parts = row.split("\\|", -1);
            String kind = parts[0].equals(SlaWarningRaised.class.getName()) ? "warning"
                    : parts[0].equals(SlaBreached.class.getName()) ? "breach" : "fulfilment";
            milestones.add(parts[1] + "/" + parts[2] + "/" + kind + "@" + instant(parts[3]));
        }
        return milestones;
    }

    /** An instant as the payload stores it: ISO-8601, or seconds since the epoch with a fraction. */
    private static Instant instant(String text) {
        if (text.indexOf('T') < 0) {
            java.math.BigDecimal seconds = new java.math.BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValue());
        }
        return Instant.parse(text);
    }
}
