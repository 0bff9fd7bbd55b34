package dev.docket.query.sla;

import dev.docket.query.readmodel.ReadModelSql;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The milestones the read side's clocks say a ticket has reached, as the command side records them (each once per
 * metric, cycle and kind, written {@code metric/cycle/kind@instant}): what the consistency check compares with the
 * milestones in the event store.
 */
public final class SlaMilestones {

    private SlaMilestones() {
    }

    /**
     * Per ticket, the milestones its clocks reached by {@code cutoff}: a fulfilment when a clock with a target
     * stopped; a warning and a breach when they happened, or when a running clock's warning or due time has passed
     * since it was computed. A reopened resolution's new cycle carries the warning and breach of the cycle before:
     * they are not milestones of their own.
     */
    public static Map<String, List<String>> reached(ReadModelSql sql, Collection<String> tickets, Instant cutoff) {
        Map<String, List<String>> reached = new HashMap<>();
        Map<String, Instant[]> previous = new HashMap<>();
        sql.sql("""
                        SELECT ticket_id::text, metric, cycle, state, due_at, warn_at, warned_at, breached_at, stopped_at
                        FROM {rm}.ticket_sla_clock
                        WHERE ticket_id = ANY (?::uuid[]) AND target_minutes IS NOT NULL
                        ORDER BY ticket_id, metric, cycle""")
                .param(tickets.stream().map(UUID::fromString).map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    String ticket = rs.getString(1);
                    String metric = rs.getString(2);
                    int cycle = rs.getInt(3);
                    boolean running = rs.getString(4).equals("running");
                    Instant due = instant(rs.getTimestamp(5));
                    Instant warn = instant(rs.getTimestamp(6));
                    Instant warned = instant(rs.getTimestamp(7));
                    Instant breached = instant(rs.getTimestamp(8));
                    Instant stopped = instant(rs.getTimestamp(9));
                    Instant[] before = previous.put(ticket + "/" + metric, new Instant[] {warned, breached});
                    boolean carried = before != null;
                    List<String> milestones = reached.computeIfAbsent(ticket, t -> new ArrayList<>());
                    Instant warning = warned != null ? warned : running && warn != null && warn.isBefore(due)
                            ? warn : null;
                    if (warning != null && !(carried && Objects.equals(warned, before[0]))) {
                        add(milestones, metric, cycle, "warning", warning, cutoff);
                    }
                    Instant breach = breached != null ? breached : running ? due : null;
                    if (breach != null && !(carried && Objects.equals(breached, before[1]) && breached != null)) {
                        add(milestones, metric, cycle, "breach", breach, cutoff);
                    }
                    if (stopped != null) {
                        add(milestones, metric, cycle, "fulfilment", stopped, cutoff);
                    }
                });
        return reached;
    }

    /** Those of {@code milestones} (as {@link #reached} writes them) reached by {@code cutoff}. */
    public static List<String> by(List<String> milestones, Instant cutoff) {
        return milestones.stream().filter(m -> !Instant.parse(m.substring(m.indexOf('@') + 1)).isAfter(cutoff))
                .toList();
    }

    private static void add(List<String> milestones, String metric, int cycle, String kind, Instant at,
                            Instant cutoff) {
        if (!at.isAfter(cutoff)) {
            milestones.add(metric + "/" + cycle + "/" + kind + "@" + at);
        }
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
