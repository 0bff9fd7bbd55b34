package dev.docket.command.ops;

import dev.docket.command.CommandServiceTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The command service's Prometheus endpoint carries what operators alert on. */
class MetricsIT extends CommandServiceTestBase {

    @Test
    void commandsRejectionsRelayLagRequestsAndThePoolAreScraped() throws Exception {
        String ticket = openTicket("Measured");
        assertThat(send("PUT", "/api/tickets/" + ticket + "/status", "{\"status\":\"closed\"}").statusCode())
                .isEqualTo(409);
        assertThat(send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"loud\"}").statusCode())
                .isEqualTo(400);

        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("docket_commands_seconds_count\\{[^}]*command=\"OpenTicket\"[^}]*outcome=\"accepted\"")
                .containsPattern("docket_commands_seconds_count\\{[^}]*command=\"ChangeStatus\"[^}]*outcome=\"INVALID_TRANSITION\"")
                .containsPattern("docket_commands_seconds_bucket\\{")
                .containsPattern("docket_http_problems_total\\{code=\"INVALID_TRANSITION\",status=\"409\"")
                .containsPattern("docket_http_problems_total\\{code=\"VALIDATION_FAILED\",status=\"400\"")
                .contains("docket_relay_lag_events", "docket_relay_lag_seconds")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/tickets/\\{id}/status\"")
                .contains("hikaricp_connections_active", "hikaricp_connections_pending");
        assertThat(send("GET", "/actuator/prometheus", null, as("agent-1", "agent")).statusCode()).isEqualTo(403);
    }
}
