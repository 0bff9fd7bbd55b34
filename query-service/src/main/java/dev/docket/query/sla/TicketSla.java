package dev.docket.query.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A ticket's service levels as the ticket view shows them to agents, at the moment of the request: the policy the
 * ticket is under and the current cycle of each clock (docs/sla.md).
 *
 * @param policy the id of the policy the ticket is under now; null when none applies
 * @param asOf   the moment the times left and overdue are measured at
 */
public record TicketSla(@Nullable String policy, Instant asOf, List<SlaClock> clocks) {

    /**
     * One clock's current cycle.
     *
     * @param state          running, paused or stopped
     * @param status         on_track, at_risk (its warning time has come), breached, paused, met, missed (stopped
     *                       after breaching), or untargeted (no target applies to it)
     * @param dueAt          when it breaches if it keeps running, or when it breached
     * @param timeLeftSeconds how much of the target is left, counted in its basis (business or calendar time);
     *                       null once breached, stopped or without a target
     * @param overdueSeconds how long past its due time it is, in its basis, while not stopped and breached
     * @param elapsedSeconds the target time used, in its basis
     */
    public record SlaClock(@Schema(allowableValues = {"first_response", "next_response", "resolution"}) String metric,
                        int cycle,
                        @Schema(allowableValues = {"running", "paused", "stopped"}) String state,
                        @Schema(allowableValues = {"on_track", "at_risk", "breached", "paused", "met", "missed",
                                "untargeted"}) String status,
                        @JsonInclude(JsonInclude.Include.NON_NULL) SlaClockTarget target, Instant startedAt,
                        @Nullable Instant dueAt, @Nullable Long timeLeftSeconds, @Nullable Long overdueSeconds,
                        long elapsedSeconds, @Nullable Instant pausedSince, @Nullable Instant warnedAt,
                        @Nullable Instant breachedAt, @Nullable Instant stoppedAt) {
    }

    /** The target the clock is measured against: within {@code minutes} of {@code basis} time. */
    public record SlaClockTarget(String policy, String priority, long minutes,
                         @Schema(allowableValues = {"business", "calendar"}) String basis,
                         long warnMinutesBefore) {
    }
}
