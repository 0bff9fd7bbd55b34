package dev.docket.query.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.ReadModelSql;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of the ticket view and the counts. */
final class TicketQueries {

    private TicketQueries() {
    }

    /** The ticket as {@code viewer} may see it: not at all if it is another requester's, never internal notes. */
    static Optional<TicketView> view(ReadModelSql sql, UUID id, Viewer viewer) {
        return sql.sql("""
                        SELECT id, number, title, description, status, priority, requester_id, requester_name,
                               assignee_id, assignee_name, tags, archived, public_comment_count, internal_note_count,
                               attachment_count, created_at, updated_at, last_activity_at, version
                        FROM {rm}.ticket WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new TicketView(rs.getObject("id", UUID.class), rs.getString("number"),
                        rs.getString("title"), rs.getString("description"), rs.getString("status"),
                        rs.getString("priority"),
                        TicketListItem.Person.of(rs.getObject("requester_id", UUID.class), rs.getString("requester_name")),
                        TicketListItem.Person.of(rs.getObject("assignee_id", UUID.class), rs.getString("assignee_name")),
                        List.of((String[]) rs.getArray("tags").getArray()), rs.getBoolean("archived"),
                        TicketSearch.instant(rs, "created_at"), TicketSearch.instant(rs, "updated_at"),
                        TicketSearch.instant(rs, "last_activity_at"), rs.getLong("version"),
                        new TicketView.Counts(rs.getInt("public_comment_count"),
                                viewer.seesEverything() ? rs.getInt("internal_note_count") : null,
                                rs.getInt("attachment_count")),
                        List.of(), List.of(), null))
                .optional()
                .filter(head -> viewer.sees(head.requester() == null ? null : head.requester().id()))
                .map(head -> new TicketView(head.id(), head.number(), head.title(), head.description(), head.status(),
                        head.priority(), head.requester(), head.assignee(), head.tags(), head.archived(),
                        head.createdAt(), head.updatedAt(), head.lastActivityAt(), head.version(), head.counts(),
                        comments(sql, id, viewer.seesEverything(), Long.MAX_VALUE), attachments(sql, id, Long.MAX_VALUE), null));
    }

    /** The ticket's comments up to version {@code upTo}, in order; internal notes only when asked for. */
    static List<TicketView.Comment> comments(ReadModelSql sql, UUID ticket, boolean withInternalNotes, long upTo) {
        return sql.sql("""
                        SELECT c.comment_id, c.author, p.display_name, c.visibility, c.body, c.created_at, c.ticket_version
                        FROM {rm}.ticket_comment c LEFT JOIN {rm}.person p ON p.id = c.author_id
                        WHERE c.ticket_id = ? AND c.ticket_version <= ?""" + (withInternalNotes ? ""
                        : " AND c.visibility = 'public'") + " ORDER BY c.ticket_version")
                .params(ticket, upTo)
                .query((rs, n) -> new TicketView.Comment(rs.getObject("comment_id", UUID.class), rs.getString("author"),
                        rs.getString("display_name"), rs.getString("visibility"),
                        !"public".equals(rs.getString("visibility")), rs.getString("body"),
                        TicketSearch.instant(rs, "created_at"), rs.getLong("ticket_version")))
                .list();
    }

    /** The ticket's attachments up to version {@code upTo}, in order. */
    static List<TicketView.Attachment> attachments(ReadModelSql sql, UUID ticket, long upTo) {
        return sql.sql("""
                        SELECT attachment_id, file_name, media_type, size_bytes, sha256, added_by, added_at, ticket_version
                        FROM {rm}.ticket_attachment WHERE ticket_id = ? AND ticket_version <= ?
                        ORDER BY ticket_version""")
                .params(ticket, upTo)
                .query((rs, n) -> new TicketView.Attachment(rs.getObject("attachment_id", UUID.class),
                        rs.getString("file_name"), rs.getString("media_type"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), rs.getString("added_by"), TicketSearch.instant(rs, "added_at"),
                        rs.getLong("ticket_version")))
                .list();
    }

    /** Tickets by status: the ones not archived per status, and how many are archived. */
    record StatusCounts(Map<String, Long> byStatus, long total, long archived) {
    }

    /**
     * Exact counts as {@code viewer} may see them. Everyone's come from the counter tables; a requester's are counted
     * over their own tickets (served by the requester index), in the same shape.
     */
    static StatusCounts statusCounts(ReadModelSql sql, Viewer viewer) {
        Map<String, Long> byStatus = zeroPerStatus();
        long[] archived = {0};
        counts(sql, viewer, "ticket_count_by_status", "status, archived", "TRUE").query(rs -> {
            if (rs.getBoolean("archived")) {
                archived[0] += rs.getLong("tickets");
            } else {
                byStatus.merge(rs.getString("status"), rs.getLong("tickets"), Long::sum);
            }
        });
        return new StatusCounts(byStatus, byStatus.values().stream().mapToLong(Long::longValue).sum(), archived[0]);
    }

    record PriorityCounts(Map<String, Map<String, Long>> byStatus, Map<String, Long> byPriority) {
    }

    static PriorityCounts priorityCounts(ReadModelSql sql, Viewer viewer) {
        Map<String, Map<String, Long>> byStatus = new LinkedHashMap<>();
        for (TicketStatus status : TicketStatus.values()) {
            byStatus.put(status.wireName(), zeroPerPriority());
        }
        Map<String, Long> byPriority = zeroPerPriority();
        counts(sql, viewer, "ticket_count_by_priority", "status, priority", "NOT archived").query(rs -> {
            byStatus.computeIfAbsent(rs.getString("status"), s -> zeroPerPriority())
                    .merge(rs.getString("priority"), rs.getLong("tickets"), Long::sum);
            byPriority.merge(rs.getString("priority"), rs.getLong("tickets"), Long::sum);
        });
        return new PriorityCounts(byStatus, byPriority);
    }

    record AssigneeCount(TicketListItem.@Nullable Person assignee, Map<String, Long> byStatus, long total) {
    }

    /** Per assignee (null: unassigned), most tickets first. */
    static List<AssigneeCount> assigneeCounts(ReadModelSql sql, Viewer viewer) {
        Map<UUID, Map<String, Long>> counts = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        String source = viewer.seesEverything() ? "{rm}.ticket_count_by_assignee"
                : "(SELECT coalesce(assignee_id, '" + TicketProjection.UNASSIGNED + "'::uuid) AS assignee_id, status, "
                + "count(*) AS tickets FROM {rm}.ticket WHERE requester_id = ? AND NOT archived GROUP BY 1, 2)";
        JdbcClient.StatementSpec statement = sql.sql("SELECT c.assignee_id, c.status, c.tickets, p.display_name FROM "
                + source + " c LEFT JOIN {rm}.person p ON p.id = c.assignee_id WHERE c.tickets <> 0");
        (viewer.seesEverything() ? statement : statement.param(viewer.ownTicketsOf()))
                .query(rs -> {
                    UUID assignee = rs.getObject("assignee_id", UUID.class);
                    counts.computeIfAbsent(assignee, a -> zeroPerStatus())
                            .merge(rs.getString("status"), rs.getLong("tickets"), Long::sum);
                    names.put(assignee, rs.getString("display_name"));
                });
        List<AssigneeCount> result = new ArrayList<>();
        counts.forEach((assignee, byStatus) -> result.add(new AssigneeCount(
                assignee.equals(TicketProjection.UNASSIGNED) ? null : new TicketListItem.Person(assignee, names.get(assignee)),
                byStatus, byStatus.values().stream().mapToLong(Long::longValue).sum())));
        result.sort((a, b) -> Long.compare(b.total(), a.total()));
        return result;
    }

    /** Rows of {@code keys} and {@code tickets}: the counter table, or the same counted over a requester's tickets. */
    private static JdbcClient.StatementSpec counts(ReadModelSql sql, Viewer viewer, String table, String keys,
                                                 String condition) {
        if (viewer.seesEverything()) {
            return sql.sql("SELECT " + keys + ", tickets FROM {rm}." + table);
        }
        return sql.sql("SELECT " + keys + ", count(*) AS tickets FROM {rm}.ticket WHERE requester_id = ? AND "
                + condition + " GROUP BY " + keys).param(viewer.ownTicketsOf());
    }

    private static Map<String, Long> zeroPerStatus() {
        Map<String, Long> zero = new LinkedHashMap<>();
        for (TicketStatus status : TicketStatus.values()) {
            zero.put(status.wireName(), 0L);
        }
        return zero;
    }

    private static Map<String, Long> zeroPerPriority() {
        Map<String, Long> zero = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            zero.put(priority.wireName(), 0L);
        }
        return zero;
    }
}
