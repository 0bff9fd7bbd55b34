package dev.docket.query.ops;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The query service's Prometheus endpoint carries what operators alert on. */
class MetricsIT extends QueryServiceTestBase {

    @Test
    void projectionLagParkedEventsConsumerLagQueriesAndThePoolAreScraped() throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(ticket, "MET-000001", "Measured"), 1, 1, Instant.now());
        awaitVersion(ticket, 1);
        assertThat(get("/api/tickets?q=measured").statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("docket_projection_lag_events", "docket_projection_lag_seconds",
                        "docket_projection_parked_events")
                .contains("kafka_consumer_fetch_manager_records_lag_max")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/tickets\"")
                .contains("hikaricp_connections_active");
    }
}
