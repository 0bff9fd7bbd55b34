package dev.docket.query.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a ticket's clocks and measures them at the moment asked about. */
@Component
public class SlaViews {

    private final SlaConfigs configs;

    SlaViews(SlaConfigs configs) {
        this.configs = configs;
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
                .query((rs, n) -> clock(rs, config, now))
                .list(); // by metric's name: first_response, next_response, resolution
        return Optional.of(new TicketSla(policy.get().isEmpty() ? null : policy.get(), now, clocks));
    }

    private static TicketSla.SlaClock clock(ResultSet rs, SlaConfigs.Config config, Instant now) throws SQLException {
        String state = rs.getString("state");
        Instant dueAt = instant(rs, "due_at");
        Instant warnAt = instant(rs, "warn_at");
        Instant breachedAt = instant(rs, "breached_at");
        long elapsed = rs.getLong("elapsed_seconds");
        String basis = rs.getString("basis");
        TicketSla.SlaClockTarget target = basis == null ? null : new TicketSla.SlaClockTarget(rs.getString("policy"),
                rs.getString("priority"), rs.getLong("target_minutes"), basis, rs.getLong("warn_minutes"));
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
            UUID calendarId = rs.getObject("calendar_id", UUID.class);
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
        Instant warnedAt = instant(rs, "warned_at");
        if (warnedAt == null && state.equals("running") && warnAt != null && !warnAt.isAfter(now)) {
            warnedAt = warnAt;
        }
        return new TicketSla.SlaClock(rs.getString("metric"), rs.getInt("cycle"), state, status, target,
                instant(rs, "started_at"), dueAt, left, overdue, elapsed, instant(rs, "paused_since"), warnedAt,
                breachedAt, instant(rs, "stopped_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
