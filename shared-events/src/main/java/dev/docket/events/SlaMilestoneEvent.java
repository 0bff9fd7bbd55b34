package dev.docket.events;

import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaMilestone;

/**
 * A ticket event that records one service-level milestone: {@link SlaWarningRaised}, {@link SlaBreached} or
 * {@link SlaFulfilled}. A ticket records each milestone at most once, by its {@link #milestoneKey()}.
 */
public interface SlaMilestoneEvent {

    SlaMetric metric();

    int cycle();

    /** Which milestone the event records; not part of its data (the event's type says it). */
    SlaMilestone.Kind milestoneKind();

    /** The same key as {@link SlaMilestone#key()} of the milestone it records. */
    default String milestoneKey() {
        return SlaMilestone.key(metric(), cycle(), milestoneKind());
    }
}
