package dev.docket.events.sla;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A moment in a clock's life that Docket records as an event: once per metric, cycle and kind.
 *
 * @param at     when it happened by the clocks: the warning or due time, or the response or resolution
 * @param policy the policy the clock was under then
 * @param target the target it was measured against then
 * @param dueAt    for a warning, when the clock breaches if nothing happens; for a breach, {@code at}; null for a
 *                 fulfilment
 * @param breached whether the cycle has breached by then (a fulfilment after its due time)
 */
public record SlaMilestone(SlaMetric metric, int cycle, Kind kind, Instant at, String policy, SlaTarget target,
                           Instant dueAt, boolean breached) {

    public enum Kind {
        /** The clock used all but the target's warning time. */
        WARNING,
        /** The clock reached its due time unanswered. */
        BREACH,
        /** The response or resolution came (before or after the due time). */
        FULFILMENT
    }

    public SlaMilestone {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(target, "target");
    }

    /** The key a ticket records it under: at most one of each per metric, cycle and kind. */
    public String key() {
        return key(metric, cycle, kind);
    }

    public static String key(SlaMetric metric, int cycle, Kind kind) {
        return metric.wireName() + "/" + cycle + "/" + kind.name().toLowerCase(Locale.ROOT);
    }
}
