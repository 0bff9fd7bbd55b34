package dev.docket.events.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * A moment in a clock's life that Docket records as an event: once per metric, cycle and kind.
 *
 * @param at     when it happened by the clocks: the warning or due time, or the response or resolution
 * @param policy the policy the clock was under then
 * @param target the target it was measured against then
 */
public record SlaMilestone(SlaMetric metric, int cycle, Kind kind, Instant at, String policy, SlaTarget target) {

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
}
