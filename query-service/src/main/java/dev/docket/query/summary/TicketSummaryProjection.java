package dev.docket.query.summary;

import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * Keeps {@code ticket_summary}. The row's version is the exactly-once guard: an event whose version the row has
 * already reached is a redelivery and changes nothing.
 */
@Component
public class TicketSummaryProjection implements Projection {

    static final String OPEN = "open";

    private final JdbcClient jdbc;

    public TicketSummaryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(EventEnvelope envelope) {
        TicketEvent event = envelope.event();
        switch (event) {
            case TicketOpened opened -> open(envelope, opened);
        }
    }

    /** The first event of a ticket: inserted once; a redelivery finds the row and does nothing. */
    private void open(EventEnvelope envelope, TicketOpened opened) {
        Timestamp at = Timestamp.from(envelope.time());
        jdbc.sql("""
                        INSERT INTO ticket_summary (id, number, title, description, status, priority, created_at,
                                                    updated_at, version, last_event_id, last_position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(opened.ticketId().value(), opened.number(), opened.title(), opened.description(), OPEN,
                        opened.priority().wireName(), at, at, envelope.ticketVersion(),
                        UUID.fromString(envelope.eventId()), envelope.position())
                .update();
    }
}
