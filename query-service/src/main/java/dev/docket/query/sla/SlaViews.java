package dev.docket.query.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.sla.ClockCycle;
import dev.docket.events.sla.SlaClocks;
import dev.docket.events.sla.SlaState;
import dev.docket.events.sla.TicketFact;
import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Reads a ticket's clocks and measures them at the moment asked about. */
@Component
public class SlaViews {

    private final SlaConfigs configs;
    private final JsonMapper json;

    SlaViews(SlaConfigs configs, JsonMapper json) {
        this.configs = configs;
        this.json = json;
    }

    /** The ticket's clocks at {@code now}; empty when the read models hold none for it. */
    public Optional<TicketSla> view(ReadModelSql sql, UUID ticket, Instant now) {
        Optional<String> policy = sql.sql("SELECT coalesce(policy, '') FROM {rm}.ticket_sla WHERE ticket_id = ?")
                .param(ticket).query(String.class).optional();
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        SlaConfigs.Config config = configs.current(sql);
        List<TicketSla.SlaClock> clocks = sql.sql("""
                        SELECT DISTINCT ON (metric) * FROM {rm}.ticket_sla_clock WHERE ticket_id = ?
                        ORDER BY metric, cycle DESC""")
                .param(ticket)
                .query((rs, n) -> clock(StoredClock.of(rs), config, now))
                .list(); // by metric's name: first_response, next_response, resolution
        return Optional.of(new TicketSla(policy.get().isEmpty() ? null : policy.get(), now, clocks));
    }

    /**
     * The ticket's clocks as they stood at {@code at}: computed from its facts up to that moment under the
     * configuration then in force, and measured at it. Empty when the read models hold no clocks for the ticket.
     */
    public Optional<TicketSla> asOf(ReadModelSql sql, UUID ticket, Instant at) {
        boolean tracked = sql.sql("SELECT count(*) FROM {rm}.ticket_sla WHERE ticket_id = ?").param(ticket)
                .query(Long.class).single() > 0;
        SlaConfigs.Config config = configs.current(sql);
        if (!tracked || !config.history().hadPolicies()) {
            return Optional.empty();
        }
        List<TicketFact> facts = new TicketClocks(sql, json).facts(List.of(ticket)).getOrDefault(ticket, List.of())
                .stream().filter(fact -> !fact.at().isAfter(at)).toList();
        SlaState state = SlaClocks.compute(facts, config.history(), at);
        Map<String, ClockCycle> latest = new TreeMap<>();
        state.cycles().forEach(cycle -> latest.merge(cycle.metric().wireName(), cycle,
                (a, b) -> b.cycle() > a.cycle() ? b : a));
        List<TicketSla.SlaClock> clocks = latest.values().stream()
                .map(cycle -> clock(StoredClock.of(cycle, config, at), config, at)).toList();
        return Optional.of(new TicketSla(state.policy(), at, clocks));
    }

    private static TicketSla.SlaClock clock(StoredClock stored, SlaConfigs.Config config, Instant now) {
        String state = stored.state();
        Instant dueAt = stored.dueAt();
        Instant warnAt = stored.warnAt();
        Instant breachedAt = stored.breachedAt();
        long elapsed = stored.elapsedSeconds();
        String basis = stored.basis();
        TicketSla.SlaClockTarget target = basis == null ? null : new TicketSla.SlaClockTarget(stored.policy(),
                stored.priority(), stored.targetMinutes(), basis, stored.warnMinutes());
        Long left = null;
        Long overdue = null;
        String status;
        if (target == null) {
            status = "untargeted";
        } else if (state.equals("stopped")) {
            status = breachedAt != null ? "missed" : "met";
        } else if (state.equals("paused")) {
            status = breachedAt != null ? "breached" : "paused";
            long rest = target.minutes() * 60 - elapsed;
            if (rest >= 0) {
                left = rest;
            } else {
                overdue = -rest;
            }
        } else {
            UUID calendarId = stored.calendarId();
            BusinessCalendar calendar = calendarId == null ? null
                    : config.history().calendarAt(new CalendarId(calendarId), now);
            Duration toDue = calendar == null ? Duration.between(now, dueAt) : calendar.businessTime(now, dueAt);
            if (breachedAt != null || !dueAt.isAfter(now)) {
                status = "breached";
                breachedAt = breachedAt != null ? breachedAt : dueAt;
                overdue = toDue.negated().toSeconds();
                elapsed = target.minutes() * 60 + overdue;
            } else {
                status = warnAt != null && !warnAt.isAfter(now) ? "at_risk" : "on_track";
                left = toDue.toSeconds();
                elapsed = target.minutes() * 60 - left;
            }
        }
        Instant warnedAt = stored.warnedAt();
        if (warnedAt == null && state.equals("running") && warnAt != null && !warnAt.isAfter(now)) {
            warnedAt = warnAt;
        }
        return new TicketSla.SlaClock(stored.metric(), stored.cycle(), state, status, target, stored.startedAt(),
                dueAt, left, overdue, elapsed, stored.pausedSince(), warnedAt, breachedAt, stored.stoppedAt());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
