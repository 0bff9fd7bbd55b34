package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.TicketStatus;

import java.util.Comparator;
import java.util.Objects;
import java.util.Set;

/** While a ticket is in {@code status}, the clocks of {@code metrics} stand still. */
public record SlaPause(
        @JsonProperty("status") TicketStatus status,
        @JsonProperty("metrics") Set<SlaMetric> metrics) {

    public SlaPause {
        Objects.requireNonNull(status, "status");
        metrics = SlaConditions.sorted(metrics, Comparator.naturalOrder());
    }
}
