package dev.docket.command.eventstore;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.command.app.SlaSweeper;
import dev.docket.events.TicketId;
import dev.docket.events.sla.ClockCycle;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Long tickets are loaded from a snapshot plus the events after it, with the same decisions as from all events. */
// without the ticket cache, so every command loads the ticket from its snapshot and the events after it
@TestPropertySource(properties = {"docket.snapshots.threshold=5", "docket.ticket-cache.size=0"})
class SnapshotIT extends CommandServiceTestBase {

    @Autowired
    SlaSweeper sweeper;

    @Test
    void aLongTicketGetsASnapshotAndDecidesFromItExactlyAsFromItsEvents() throws Exception {
        String ticket = openTicket("Long ticket");
        String agent = registerUser("agent");
        String path = "/api/tickets/" + ticket;
        send("PUT", path + "/assignee", "{\"assigneeId\":\"" + agent + "\"}");
        send("PATCH", path + "/tags", "{\"add\":[\"kept\",\"dropped\"]}");
        send("PATCH", path + "/tags", "{\"remove\":[\"dropped\"]}");
        send("PUT", path + "/status", "{\"status\":\"in_progress\"}");
        send("PUT", path + "/priority", "{\"priority\":\"urgent\"}");
        for (int i = 0; i < 12; i++) {
            assertThat(send("POST", path + "/comments", "{\"body\":\"Comment " + i + "\"}").statusCode()).isEqualTo(201);
        }

        assertThat(snapshots(ticket)).isPositive();
        // every piece of state survived the snapshot: each of these is a no-op only if the state is right
        assertVersion(send("PUT", path + "/assignee", "{\"assigneeId\":\"" + agent + "\"}"), 18);
        assertVersion(send("PATCH", path + "/tags", "{\"add\":[\"kept\"]}"), 18);
        assertVersion(send("PUT", path + "/priority", "{\"priority\":\"urgent\"}"), 18);
        assertVersion(send("PATCH", path + "/details", "{\"title\":\"Long ticket\"}"), 18);
        HttpResponse<String> illegal = send("PUT", path + "/status", "{\"status\":\"open\"}");
        assertThat(json(illegal).get("currentStatus").asString()).isEqualTo("in_progress");
        assertVersion(send("PUT", path + "/status", "{\"status\":\"resolved\"}", "If-Match", "\"18\""), 19);

        // the service-level clocks read every event from the opening, never the snapshot in their stead
        SlaState clocks = sweeper.clocks(TicketId.parse(ticket), Instant.now());
        assertThat(clocks.cycles()).extracting(ClockCycle::metric)
                .containsExactly(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION);
        assertThat(clocks.cycles()).allSatisfy(c -> assertThat(c.state()).isEqualTo(ClockCycle.State.STOPPED));
    }

    private static void assertVersion(HttpResponse<String> response, long version) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("version").asLong()).isEqualTo(version);
    }

    private long snapshots(String ticket) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")) {
            s.setString(1, ticket);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
