package dev.docket.query.ingest;

import dev.docket.events.DocketEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event with its CloudEvents attributes, as a projection receives it.
 *
 * @param subject  the ticket (or, for people events, the user) the event is about
 * @param version  the subject's version after this event (1 for the event that opened the ticket), without gaps
 * @param position the event's global position in the event store
 * @param sealedWith the data key each personal field was sealed with, by field name (empty for fields that came
 *                   clear); the event holds them opened, or as {@code [erased]} where the key was destroyed
 */
public record EventEnvelope(String eventId, UUID subject, long version, long position, Instant time,
                            String actor, String correlationId, String causationId, DocketEvent event,
                            Map<String, UUID> sealedWith) {

    /** The distinct subjects of the events of {@code type}, as text for a {@code ?::uuid[]} parameter. */
    public static String[] subjects(List<EventEnvelope> events, Class<? extends DocketEvent> type) {
        return events.stream().filter(e -> type.isInstance(e.event())).map(e -> e.subject().toString()).distinct()
                .toArray(String[]::new);
    }
}
