package dev.docket.events.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A ticket's clocks at one moment.
 *
 * @param policy     the id of the policy the ticket is under now; null when none applies
 * @param cycles     every cycle of every clock, in the order they started
 * @param milestones the warnings, breaches and fulfilments up to that moment, in time order
 */
public record SlaState(String policy, List<ClockCycle> cycles, List<SlaMilestone> milestones) {

    public SlaState {
        cycles = List.copyOf(cycles);
        milestones = List.copyOf(milestones);
    }

    /** The next warning or breach to come if nothing happens to the ticket meanwhile; empty when none. */
    public Optional<Instant> nextDue() {
        return SlaClocks.nextDue(cycles);
    }
}
