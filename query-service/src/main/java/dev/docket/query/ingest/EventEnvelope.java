package dev.docket.query.ingest;

import dev.docket.events.TicketEvent;
import dev.docket.events.TicketId;

import java.time.Instant;

/**
 * A ticket event with its CloudEvents attributes, as a projection receives it.
 *
 * @param ticketVersion the ticket's version after this event (1 for the event that opened it)
 * @param position      the event's global position in the event store
 */
public record EventEnvelope(String eventId, TicketId ticketId, long ticketVersion, long position, Instant time,
                            String actor, String correlationId, String causationId, TicketEvent event) {
}
