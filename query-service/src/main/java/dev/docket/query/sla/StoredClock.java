package dev.docket.query.sla;

import dev.docket.events.sla.ClockCycle;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.TimeBasis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One cycle of a clock as {@code ticket_sla_clock} stores it: computed ({@link #of(ClockCycle, SlaConfigs.Config,
 * Instant)}), read back ({@link #of(ResultSet)}), or written ({@link #row(UUID)}, the table's columns in order).
 *
 * @param warnAt     when it warns (or warned); null without a target
 * @param calendarId the business calendar a business-time target counts in
 */
record StoredClock(String metric, int cycle, String state, String policy, String priority, Long targetMinutes,
                   String basis, Long warnMinutes, UUID calendarId, Instant startedAt, long elapsedSeconds,
                   Instant dueAt, Instant warnAt, Instant pausedSince, Instant stoppedAt, Instant warnedAt,
                   Instant breachedAt) {

    /** A computed cycle as of {@code asOf}, under the configuration then in force. */
    static StoredClock of(ClockCycle cycle, SlaConfigs.Config config, Instant asOf) {
        var target = cycle.target();
        UUID calendar = null;
        if (target != null && target.basis() == TimeBasis.BUSINESS) {
            calendar = config.history().policiesAt(asOf).stream()
                    .filter(p -> p.id().equals(cycle.policy())).findFirst()
                    .map(SlaPolicy::calendar).map(c -> c.value()).orElse(null);
        }
        return new StoredClock(cycle.metric().wireName(), cycle.cycle(), cycle.state().name().toLowerCase(Locale.ROOT),
                cycle.policy(), target == null ? null : target.priority().wireName(),
                target == null ? null : target.minutes(),
                target == null ? null : target.basis().name().toLowerCase(Locale.ROOT),
                target == null ? null : target.warnMinutesBefore(), calendar, cycle.startedAt(),
                cycle.elapsed().toSeconds(), cycle.dueAt(),
                cycle.warnedAt() != null ? cycle.warnedAt() : cycle.warnAt(), cycle.pausedSince(), cycle.stoppedAt(),
                cycle.warnedAt(), cycle.breachedAt());
    }

    static StoredClock of(ResultSet rs) throws SQLException {
        return new StoredClock(rs.getString("metric"), rs.getInt("cycle"), rs.getString("state"),
                rs.getString("policy"), rs.getString("priority"), (Long) rs.getObject("target_minutes"),
                rs.getString("basis"), (Long) rs.getObject("warn_minutes"), rs.getObject("calendar_id", UUID.class),
                instant(rs, "started_at"), rs.getLong("elapsed_seconds"), instant(rs, "due_at"),
                instant(rs, "warn_at"), instant(rs, "paused_since"), instant(rs, "stopped_at"),
                instant(rs, "warned_at"), instant(rs, "breached_at"));
    }

    /** The table's row for {@code ticket}, in its columns' order. */
    Object[] row(UUID ticket) {
        return new Object[] {ticket, metric, cycle, state, policy, priority, targetMinutes, basis, warnMinutes,
                calendarId, startedAt, elapsedSeconds, dueAt, warnAt, pausedSince, stoppedAt, warnedAt, breachedAt};
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
