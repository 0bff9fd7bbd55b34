package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.Priority;

import java.time.Duration;
import java.util.Objects;

/**
 * One promise of a policy: tickets of {@code priority} get {@code metric} within {@code minutes}, counted on
 * {@code basis}, with a warning {@code warnMinutesBefore} the due time (0: no warning).
 */
public record SlaTarget(
        @JsonProperty("priority") Priority priority,
        @JsonProperty("metric") SlaMetric metric,
        @JsonProperty("minutes") long minutes,
        @JsonProperty("basis") TimeBasis basis,
        @JsonProperty("warnMinutesBefore") long warnMinutesBefore) {

    public SlaTarget {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(basis, "basis");
    }

    public Duration within() {
        return Duration.ofMinutes(minutes);
    }

    /** How much of the target may be used before the warning: {@code within - warnBefore}; empty for none. */
    Duration warnAfter() {
        return Duration.ofMinutes(minutes - warnMinutesBefore);
    }

    boolean warns() {
        return warnMinutesBefore > 0;
    }
}
