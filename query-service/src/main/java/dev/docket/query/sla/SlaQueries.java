package dev.docket.query.sla;

import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import dev.docket.query.readmodel.ReadModelSql;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The service-level counts and the attainment report, from the read models. */
final class SlaQueries {

    /** The ticket's earliest breach or due time, as the ticket index {@code ticket_by_sla_due} holds it. */
    private static final String DUE = "coalesce(t.sla_due_at, '9999-12-31T00:00:00Z'::timestamptz)";

    private SlaQueries() {
    }

    /** Breached and at-risk tickets (archived ones aside), all measured at one moment. */
    record SlaCounts(Instant asOf, SlaTally breached, SlaTally atRisk) {
    }

    /** One state's tickets per status, priority and assignee (a null assignee: unassigned tickets). */
    record SlaTally(long total, Map<String, Long> byStatus, Map<String, Long> byPriority,
                 List<SlaAssigneeTally> byAssignee) {
    }

    record SlaAssigneeTally(@Schema(format = "uuid") @Nullable UUID assignee, @Nullable String name, long tickets) {
    }

    private static final class Tallies {
        long total;
        final Map<String, Long> byStatus = zeros(TicketStatus.values());
        final Map<String, Long> byPriority = zeros(Priority.values());
        final List<SlaAssigneeTally> byAssignee = new ArrayList<>();

        SlaTally tally() {
            byAssignee.removeIf(a -> a.tickets() == 0);
            byAssignee.sort(Comparator.comparingLong(SlaAssigneeTally::tickets).reversed());
            return new SlaTally(total, byStatus, byPriority, byAssignee);
        }
    }

    static SlaCounts counts(ReadModelSql sql, Instant now) {
        Tallies breached = new Tallies();
        Tallies atRisk = new Tallies();
        Timestamp at = Timestamp.from(now);
        sql.sql("""
                        SELECT t.status, t.priority, t.assignee_id, max(p.display_name) AS name,
                               GROUPING(t.status, t.priority, t.assignee_id) AS grouping,
                               count(*) FILTER (WHERE %1$s <= ?) AS breached,
                               count(*) FILTER (WHERE t.sla_warn_at <= ? AND %1$s > ?) AS at_risk
                        FROM {rm}.ticket t LEFT JOIN {rm}.person p ON p.id = t.assignee_id
                        WHERE NOT t.archived AND (%1$s <= ? OR t.sla_warn_at <= ?)
                        GROUP BY GROUPING SETS ((t.status), (t.priority), (t.assignee_id), ())""".formatted(DUE))
                .params(at, at, at, at, at)
                .query(rs -> {
                    long b = rs.getLong("breached");
                    long r = rs.getLong("at_risk");
                    // GROUPING's bits, status first: 0b011 grouped by status, 0b101 by priority, 0b110 by assignee
                    switch (rs.getInt("grouping")) {
                        case 0b011 -> {
                            breached.byStatus.put(rs.getString("status"), b);
                            atRisk.byStatus.put(rs.getString("status"), r);
                        }
                        case 0b101 -> {
                            breached.byPriority.put(rs.getString("priority"), b);
                            atRisk.byPriority.put(rs.getString("priority"), r);
                        }
                        case 0b110 -> {
                            UUID assignee = rs.getObject("assignee_id", UUID.class);
                            breached.byAssignee.add(new SlaAssigneeTally(assignee, rs.getString("name"), b));
                            atRisk.byAssignee.add(new SlaAssigneeTally(assignee, rs.getString("name"), r));
                        }
                        default -> {
                            breached.total = b;
                            atRisk.total = r;
                        }
                    }
                });
        return new SlaCounts(now, breached.tally(), atRisk.tally());
    }

    /**
     * One policy's clocks of one metric and priority that ended, or breached, in the period.
     *
     * @param met               cycles that stopped in the period within their target
     * @param missed            cycles that stopped in the period after breaching
     * @param breachedOpen      cycles that breached in the period and have not stopped
     * @param attainmentPercent met as a share of the cycles that stopped in the period (null when none did)
     * @param medianSeconds     the median counted time (in the target's basis) of the cycles that stopped in the
     *                          period
     * @param p90Seconds        its 90th percentile
     */
    record SlaAttainmentRow(String policy, String priority,
                         @Schema(allowableValues = {"first_response", "next_response", "resolution"}) String metric,
                         long met, long missed, long breachedOpen, @Nullable Double attainmentPercent,
                         @Nullable Long medianSeconds, @Nullable Long p90Seconds) {
    }

    record SlaAttainment(Instant from, Instant to, List<SlaAttainmentRow> rows) {
    }

    /** The report of the period; a clock still running counts as breached once its due time is before {@code now}. */
    static SlaAttainment attainment(ReadModelSql sql, Instant from, Instant to, Instant now) {
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to);
        Timestamp breachedBy = Timestamp.from(to.isBefore(now) ? to : now);
        List<SlaAttainmentRow> rows = sql.sql("""
                        SELECT policy, priority, metric,
                               count(*) FILTER (WHERE stopped AND breached_at IS NULL) AS met,
                               count(*) FILTER (WHERE stopped AND breached_at IS NOT NULL) AS missed,
                               count(*) FILTER (WHERE NOT stopped) AS breached_open,
                               percentile_disc(0.5) WITHIN GROUP (ORDER BY elapsed_seconds) FILTER (WHERE stopped)
                                   AS median,
                               percentile_disc(0.9) WITHIN GROUP (ORDER BY elapsed_seconds) FILTER (WHERE stopped)
                                   AS p90
                        FROM (SELECT *, stopped_at >= ? AND stopped_at < ? AS stopped FROM {rm}.ticket_sla_clock
                              WHERE stopped_at >= ? AND stopped_at < ?
                              UNION ALL
                              SELECT *, FALSE FROM {rm}.ticket_sla_clock
                              WHERE stopped_at IS NULL AND coalesce(breached_at, due_at) >= ?
                                AND coalesce(breached_at, due_at) < ?) c
                        WHERE target_minutes IS NOT NULL
                        GROUP BY policy, priority, metric ORDER BY policy, priority, metric""")
                .params(f, t, f, t, f, breachedBy)
                .query((rs, n) -> {
                    long met = rs.getLong("met");
                    long missed = rs.getLong("missed");
                    return new SlaAttainmentRow(rs.getString("policy"), rs.getString("priority"), rs.getString("metric"),
                            met, missed, rs.getLong("breached_open"),
                            met + missed == 0 ? null : Math.round(1000.0 * met / (met + missed)) / 10.0,
                            (Long) rs.getObject("median", Long.class), (Long) rs.getObject("p90", Long.class));
                })
                .list();
        return new SlaAttainment(from, to, rows);
    }

    private static Map<String, Long> zeros(Enum<?>[] values) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            zeros.put(value instanceof TicketStatus s ? s.wireName() : ((Priority) value).wireName(), 0L);
        }
        return zeros;
    }
}
