package dev.docket.query.ingest;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild switches over only once the new generation has read every partition: here the serving generation has
 * read nothing yet (its consumer is held, as a service that just started on a topic with history has not), so there
 * is no stored offset to compare with, and the new generation must hold all the topic holds when it starts serving.
 * (The switch used to compare with the serving generation's stored offsets only, and passed at once.)
 */
class RebuildOnUnreadHistoryIT extends QueryServiceTestBase {

    private static final int TICKETS = 200;

    @Autowired
    ReadModelConsumers consumers;

    @Test
    void theNewGenerationServesOnlyWithEveryPartitionRead() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.consumerOf(1).isPresent());
        consumers.consumerOf(1).orElseThrow().stop();
        for (int i = 0; i < TICKETS; i++) {
            events.sendAsync(ContractRecords.opened(new TicketId(UUID.randomUUID()), "UH-" + i, "Unread " + i), 1,
                    i + 1, Instant.now());
        }
        events.flush();

        HttpResponse<String> started = post("/api/admin/read-models/rebuild");
        assertThat(started.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> getJson("/api/admin/read-models").get("activeGeneration").asInt() == 2);

        assertThat(queryLong("SELECT count(*) FROM rm_2.ticket")).isEqualTo(TICKETS);
        assertThat(getJson("/api/stats/status-counts").get("total").asLong()).isEqualTo(TICKETS);
    }
}
