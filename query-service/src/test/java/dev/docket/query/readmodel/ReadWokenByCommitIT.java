package dev.docket.query.readmodel;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read that waits for a version is woken by the projector's commit. Here a waiting read looks on its own only
 * every ten minutes and may wait as long, so it answers within the minute this test allows only because the commit
 * of the event it waits for woke it.
 */
@TestPropertySource(properties = {"docket.read.look-interval=10m", "docket.read.max-wait=10m"})
class ReadWokenByCommitIT extends QueryServiceTestBase {

    @Test
    void theCommitOfTheAwaitedVersionWakesTheRead() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        CompletableFuture<HttpResponse<String>> read = http.sendAsync(authorized(URI.create(
                "http://127.0.0.1:" + port + "/api/tickets/" + id + "?minVersion=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());

        events.send(ContractRecords.opened(id, "WOKEN-1", "Woken by the commit"), 1, 1, Instant.now());

        HttpResponse<String> response = read.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("Woken by the commit");
    }
}
