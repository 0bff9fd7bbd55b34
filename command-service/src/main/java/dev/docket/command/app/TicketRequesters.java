package dev.docket.command.app;

import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who requested a ticket now, read from the event log itself: the newest of its opening and its ownership
 * transfers. For reads on the command side (attachment downloads) that must answer a requester only for their own
 * tickets; changes check the same in the ticket aggregate.
 */
@Component
class TicketRequesters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    TicketRequesters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether {@code subject} is the ticket's current requester; false also when there is no such ticket. */
    boolean isRequester(TicketId ticket, String subject) {
        return jdbc.sql("""
                        SELECT payload FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type IN (?, ?)
                        ORDER BY sequence_number DESC LIMIT 1""")
                .params(ticket.toString(), TicketOpened.class.getName(), TicketOwnershipTransferred.class.getName())
                .query((rs, n) -> rs.getBytes("payload"))
                .optional()
                .map(payload -> {
                    JsonNode event = JSON.readTree(payload);
                    JsonNode requester = event.has("toRequesterId") ? event.get("toRequesterId") : event.get("requesterId");
                    return requester != null && requester.asString().equals(subject);
                })
                .orElse(false);
    }
}
