package dev.docket.query.ticket;

import dev.docket.events.ErrorCode;
import dev.docket.events.privacy.SealedText;
import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.errors.DocketException;
import dev.docket.support.web.DateOrInstant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ticket view as it was at a version or an instant, from the read side alone: the fields from
 * {@code ticket_field_history} (one index probe per field), the title and description from the audit entries of the
 * events that set them (so erased texts stay erased), the conversation and files up to that version, and the people's
 * names as they are now (a name is the person's, not the ticket's). Today's permissions apply: a requester sees a
 * past state of their own tickets only, and never internal notes. The cost grows with the conversation shown, not
 * with the number of events.
 */
final class PastTickets {

    private static final List<String> SCALARS = List.of(TicketHistoryProjection.STATUS,
            TicketHistoryProjection.PRIORITY, TicketHistoryProjection.ASSIGNEE, TicketHistoryProjection.REQUESTER,
            TicketHistoryProjection.ARCHIVED, TicketHistoryProjection.TITLE, TicketHistoryProjection.DESCRIPTION);

    private PastTickets() {
    }

    /** A point in a ticket's history: a version, or the last version at or before an instant (neither: now). */
    record Point(@Nullable Long version, @Nullable Instant instant) {

        static final Point LATEST = new Point(null, null);

        static final String FORMAT = "a version (1, 2, ...), a date (2026-11-24, its start in UTC) or an instant "
                + "(2026-11-24T09:30:00Z)";

        /** {@code text} as a version when it is a number, else as a date or an instant. */
        static Point parse(String parameter, String text) {
            String value = text.strip();
            try {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    long version = Long.parseLong(value);
                    if (version >= 1) {
                        return new Point(version, null);
                    }
                } else {
                    return new Point(null, DateOrInstant.parse(value));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // answered below
            }
            throw DocketException.invalid(parameter, "must be " + FORMAT);
        }
    }

    /**
     * A past view.
     *
     * @param at    the moment it shows: the instant asked for, or the time of the version asked for
     * @param setAt per top-level field of the view, the version whose event last changed it
     */
    record Past(TicketView view, Instant at, Map<String, Long> setAt) {
    }

    /**
     * The ticket at {@code point} as {@code viewer} may see it; empty when there is no such ticket or the viewer may
     * not see it.
     *
     * @throws DocketException TICKET_NOT_FOUND when it did not exist yet at the instant; VALIDATION_FAILED naming
     *                         {@code parameter} for a version it has not reached
     */
    static Optional<Past> at(ReadModelSql sql, JsonMapper json, UUID id, Point point, Viewer viewer,
                             String parameter) {
        record Now(String number, UUID requester, Instant createdAt, long version) {
        }
        Optional<Now> now = sql.sql("SELECT number, requester_id, created_at, version FROM {rm}.ticket WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Now(rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(), rs.getLong(4)))
                .optional()
                .filter(ticket -> viewer.sees(ticket.requester()));
        if (now.isEmpty()) {
            return Optional.empty();
        }
        long version;
        if (point.version() != null) {
            version = point.version();
            if (version > now.get().version()) {
                throw DocketException.invalid(parameter, "ticket " + id + " has " + now.get().version()
                        + " versions");
            }
        } else if (point.instant() == null) {
            version = now.get().version();
        } else {
            version = sql.sql("""
                            SELECT coalesce(max(version), 0) FROM {rm}.audit_entry
                            WHERE subject_id = ? AND occurred_at <= ?""")
                    .params(id, Timestamp.from(point.instant())).query(Long.class).single();
            if (version == 0) {
                throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "Ticket " + id + " did not exist yet at "
                        + point.instant() + ".");
            }
        }
        Instant updatedAt = sql.sql("SELECT occurred_at FROM {rm}.audit_entry WHERE subject_id = ? AND version = ?")
                .params(id, version).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        Map<String, Long> setAt = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        Map<String, String> textEvents = new HashMap<>();
        sql.sql("""
                        SELECT f.field, s.value, s.from_version, s.event_id
                        FROM unnest(?::text[]) AS f(field)
                        CROSS JOIN LATERAL (SELECT h.value, h.from_version, h.event_id FROM {rm}.ticket_field_history h
                                            WHERE h.ticket_id = ? AND h.field = f.field AND h.from_version <= ?
                                            ORDER BY h.from_version DESC LIMIT 1) s""")
                .params(SCALARS.toArray(String[]::new), id, version)
                .query(rs -> {
                    String field = rs.getString(1);
                    values.put(field, rs.getString(2));
                    setAt.put(field, rs.getLong(3));
                    textEvents.put(field, rs.getString(4));
                });
        boolean fromTheStart = sql.sql("""
                        SELECT EXISTS (SELECT 1 FROM {rm}.ticket_field_history
                                       WHERE ticket_id = ? AND field = 'status' AND from_version = 1)""")
                .param(id).query(Boolean.class).single();
        if (!fromTheStart) {
            throw new DocketException(ErrorCode.SERVICE_UNAVAILABLE, "The history of ticket " + id + " was applied "
                    + "before this read model kept field histories; rebuild the read models to fill it in.");
        }
        List<String> tags = new ArrayList<>();
        long[] tagsSetAt = {0};
        sql.sql("""
                        SELECT value, from_version, to_version FROM {rm}.ticket_field_history
                        WHERE ticket_id = ? AND field = 'tag' AND from_version <= ? ORDER BY from_version, ordinal""")
                .params(id, version)
                .query(rs -> {
                    long from = rs.getLong(2);
                    long to = rs.getLong(3);
                    boolean holds = rs.wasNull() || to > version;
                    if (holds) {
                        tags.add(rs.getString(1));
                    }
                    tagsSetAt[0] = Math.max(tagsSetAt[0], holds ? from : to);
                });
        setAt.put("tags", tagsSetAt[0]);
        for (String text : List.of(TicketHistoryProjection.TITLE, TicketHistoryProjection.DESCRIPTION)) {
            setAt.putIfAbsent(text, 1L); // never edited: the opening's text
        }
        Map<String, String> texts = texts(sql, json, id, textEvents);
        UUID requester = UUID.fromString(values.get(TicketHistoryProjection.REQUESTER));
        String assigneeValue = values.get(TicketHistoryProjection.ASSIGNEE);
        UUID assignee = assigneeValue == null ? null : UUID.fromString(assigneeValue);
        Map<UUID, String> names = new HashMap<>();
        sql.sql("SELECT id, display_name FROM {rm}.person WHERE id = ANY (?::uuid[])")
                .param(assignee == null ? new String[] {requester.toString()}
                        : new String[] {requester.toString(), assignee.toString()})
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                });

        List<TicketView.Comment> all = TicketQueries.comments(sql, id, true, version);
        List<TicketView.Attachment> attachments = TicketQueries.attachments(sql, id, version);
        Instant lastActivity = now.get().createdAt();
        long activityVersion = 1;
        int publicComments = 0;
        for (TicketView.Comment comment : all) {
            publicComments += comment.internal() ? 0 : 1;
            lastActivity = comment.createdAt();
            activityVersion = Math.max(activityVersion, comment.ticketVersion());
        }
        for (TicketView.Attachment attachment : attachments) {
            if (attachment.ticketVersion() > activityVersion) {
                activityVersion = attachment.ticketVersion();
                lastActivity = attachment.addedAt();
            }
        }
        List<TicketView.Comment> comments = viewer.seesEverything() ? all
                : all.stream().filter(c -> !c.internal()).toList();
        setAt.put("counts", activityVersion);
        setAt.put("lastActivityAt", activityVersion);
        TicketView view = new TicketView(id, now.get().number(),
                texts.get(TicketHistoryProjection.TITLE), texts.get(TicketHistoryProjection.DESCRIPTION),
                values.get(TicketHistoryProjection.STATUS), values.get(TicketHistoryProjection.PRIORITY),
                new TicketListItem.Person(requester, names.get(requester)),
                TicketListItem.Person.of(assignee, names.get(assignee)), List.copyOf(tags),
                Boolean.parseBoolean(values.get(TicketHistoryProjection.ARCHIVED)), now.get().createdAt(), updatedAt,
                lastActivity, version,
                new TicketView.Counts(publicComments, viewer.seesEverything() ? all.size() - publicComments : null,
                        attachments.size()),
                comments, attachments, null);
        return Optional.of(new Past(view, point.instant() != null ? point.instant() : updatedAt, setAt));
    }

    /**
     * The title and description the audit entries of the events that set them hold (erased ones replaced): the last
     * edit's, or the opening's (version 1) when there was none.
     */
    private static Map<String, String> texts(ReadModelSql sql, JsonMapper json, UUID ticket,
                                             Map<String, String> events) {
        String[] ids = {events.get(TicketHistoryProjection.TITLE), events.get(TicketHistoryProjection.DESCRIPTION)};
        Map<String, JsonNode> changes = new HashMap<>();
        String[] opening = {null};
        sql.sql("""
                        SELECT event_id, changes::text, version FROM {rm}.audit_entry
                        WHERE event_id = ANY (?) OR (subject_id = ? AND version = 1)""")
                .params(ids, ticket)
                .query(rs -> {
                    changes.put(rs.getString(1), json.readTree(rs.getString(2)));
                    if (rs.getLong(3) == 1) {
                        opening[0] = rs.getString(1);
                    }
                });
        Map<String, String> texts = new HashMap<>();
        for (String field : List.of(TicketHistoryProjection.TITLE, TicketHistoryProjection.DESCRIPTION)) {
            JsonNode change = changes.get(events.getOrDefault(field, opening[0]));
            JsonNode text = change == null ? null : change.get(field);
            if (text != null && text.isObject()) {
                text = text.get("to");
            }
            // an audit entry drops an edit whose texts before and after were both erased
            texts.put(field, text == null || !text.isString() ? SealedText.ERASED : text.asString());
        }
        return texts;
    }
}
