package dev.docket.events.sla;

import dev.docket.events.TicketEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a ticket as the clocks read it: what happened, when it was recorded, and whether an automated
 * agent caused it.
 */
public record TicketFact(Instant at, TicketEvent event, boolean automated) {

    public TicketFact {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }

    public static TicketFact of(Instant at, TicketEvent event) {
        return new TicketFact(at, event, false);
    }
}
