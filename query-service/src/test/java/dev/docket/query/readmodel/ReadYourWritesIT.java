package dev.docket.query.readmodel;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that passes the version its command answered reads its own write: the read waits until the read model has
 * it, and says so explicitly when it does not arrive in time, instead of answering with data from before the write.
 */
class ReadYourWritesIT extends QueryServiceTestBase {

    @Test
    void aReadWithMinVersionWaitsForTheEventInsteadOfAnswering404OrStaleData() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        assertThat(get("/api/tickets/" + id).statusCode()).isEqualTo(404);

        CompletableFuture<HttpResponse<String>> read = getAsync("/api/tickets/" + id + "?minVersion=1");
        awaitPending(read);
        events.send(ContractRecords.opened(id, "RYW-000001", "Written, then read"), 1, 1, Instant.now());

        HttpResponse<String> response = read.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("Written, then read");

        CompletableFuture<HttpResponse<String>> second = getAsync("/api/tickets/" + id + "?minVersion=2");
        awaitPending(second);
        events.send(new TicketPriorityChanged(id, Priority.HIGH, Priority.URGENT), 2, 2, Instant.now());
        JsonNode changed = json.readTree(second.get().body());
        assertThat(changed.get("version").asLong()).isEqualTo(2);
        assertThat(changed.get("priority").asString()).isEqualTo("urgent");
    }

    @Test
    void aVersionThatDoesNotArriveInTimeIsAnswered503WithWhereTheReadModelIs() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(id, "RYW-000002", "Only version one"), 1, 1, Instant.now());
        awaitVersion(id, 1);

        HttpResponse<String> response = get("/api/tickets/" + id + "?minVersion=7");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("READ_MODEL_BEHIND");
        assertThat(problem.get("requiredVersion").asLong()).isEqualTo(7);
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
        assertThat(problem.has("title")).isTrue();
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void searchesAndCountsAcceptTheVersionsTheyMustReflect() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        String tag = "ryw" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<HttpResponse<String>> search = getAsync("/api/tickets?tag=" + tag + "&consistentWith=" + id
                + ":1");
        CompletableFuture<HttpResponse<String>> counts = getAsync("/api/stats/status-counts?consistentWith=" + id + ":1");
        awaitPending(search);
        awaitPending(counts);
        events.send(new dev.docket.events.TicketOpened(id, "RYW-000003", "Counted", "", Priority.LOW,
                ContractRecords.REQUESTER, java.util.List.of(tag)), 1, 3, Instant.now());

        assertThat(ids(json.readTree(search.get().body()).get("items"))).containsExactly(id.toString());
        assertThat(counts.get().statusCode()).isEqualTo(200);
        assertThat(json.readTree(counts.get().body()).get("byStatus").get("open").asLong()).isPositive();
    }

    @Test
    void everyReadSaysHowFarTheReadModelHasGotAndLagIsAMetric() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        Instant at = Instant.parse("2031-01-01T00:00:00Z");
        events.send(ContractRecords.opened(id, "RYW-000004", "Progress"), 1, 4, at);
        awaitVersion(id, 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> response = get("/api/tickets?limit=1");
            assertThat(response.headers().firstValue("Docket-Read-Model-Lag")).contains("0");
            assertThat(response.headers().firstValue("Docket-Read-Model-Last-Event")).contains(at.toString());
            assertThat(response.headers().firstValue("Docket-Read-Model-Generation")).contains("1");
        });
        JsonNode metric = getJson("/actuator/metrics/docket.projection.lag.events");
        assertThat(metric.get("measurements").get(0).get("value").asDouble()).isZero();
        assertThat(get("/actuator/metrics/docket.projection.lag.seconds").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesMalformedConsistencyParameters() throws Exception {
        for (String query : new String[] {"consistentWith=nope", "consistentWith=" + UUID.randomUUID() + ":0",
                "consistentWith=" + UUID.randomUUID()}) {
            HttpResponse<String> response = get("/api/tickets?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString())
                    .isEqualTo("consistentWith");
        }
        assertThat(get("/api/tickets/" + UUID.randomUUID() + "?minVersion=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/tickets/" + UUID.randomUUID() + "?minVersion=two").statusCode()).isEqualTo(400);
    }

    /** The read stays unanswered (it waits for a version nobody has written yet). */
    private static void awaitPending(CompletableFuture<HttpResponse<String>> read) {
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(authorized(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
