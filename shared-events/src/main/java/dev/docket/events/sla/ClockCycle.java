package dev.docket.events.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One cycle of one clock as it stands at the moment the clocks were computed for. Instants that do not apply are
 * null.
 *
 * @param policy      the policy the clock is (or was, when stopped) under; null when none applies
 * @param target      its target under that policy; null when the policy sets none (the clock then counts nothing)
 * @param startedAt   when the cycle began
 * @param elapsed     the counted time used so far, in the target's basis
 * @param dueAt       when it breaches if it keeps running (only while running), or when it breached
 * @param warnAt      when it warns if it keeps running (only while running and not yet warned)
 * @param pausedSince when the current pause began
 * @param stoppedAt   when the response or resolution came
 * @param warnedAt    when it warned, if it did
 * @param breachedAt  when it breached, if it did
 */
public record ClockCycle(SlaMetric metric, int cycle, State state, String policy, SlaTarget target, Instant startedAt,
                         Duration elapsed, Instant dueAt, Instant warnAt, Instant pausedSince, Instant stoppedAt,
                         Instant warnedAt, Instant breachedAt) {

    public enum State {
        /** Counting (or waiting for its calendar's next working hour). */
        RUNNING,
        /** Standing still: the ticket is in a status that pauses it, or archived. */
        PAUSED,
        /** The response or resolution came. */
        STOPPED
    }

    public ClockCycle {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether a breach has happened in this cycle. */
    public boolean breached() {
        return breachedAt != null;
    }

    /** Whether the cycle stopped within its target. */
    public boolean met() {
        return state == State.STOPPED && target != null && breachedAt == null;
    }

    /** The counted time left before the due time; negative when overdue; null without a target. */
    public Duration remaining() {
        return target == null ? null : target.within().minus(elapsed);
    }
}
