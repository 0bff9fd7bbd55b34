package dev.docket.e2e;

import dev.docket.events.EventHeaders;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ticket opened over HTTP on the command service travels through the event store, the relay and Kafka into the
 * query service's read model, with who and why attached all the way.
 */
@SharesPlatform
class TicketFlowIT extends AgainstRunningPlatform {
    private static final String TRACE_ID = "5af7651916cd43dd8448eb211c80319c";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTicketOpenedOnTheCommandSideIsReadBackFromTheQuerySideAndPublishedWithItsOrigin() throws Exception {
        String requester = register("requester");
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl("/api/tickets")))
                .header("Content-Type", "application/json")
                .header("Authorization", TestIdentity.bearer("alice", "agent"))
                .header("X-Correlation-Id", "e2e-flow-1")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Printer on fire\",\"description\":\"Third floor\",\"priority\":\"urgent\","
                                + "\"requesterId\":\"" + requester + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode created = json.readTree(opened.body());
        String id = created.get("id").asString();
        URI location = URI.create(opened.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).isEqualTo(platform.queryUrl("/api/tickets/" + id));

        // Read your own write: the query side waits until its read model holds the version the command answered.
        HttpResponse<String> read = get(URI.create(location + "?minVersion=" + created.get("version").asLong()));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode ticket = json.readTree(read.body());
        assertThat(ticket.get("id").asString()).isEqualTo(id);
        assertThat(ticket.get("number").asString()).isEqualTo(created.get("number").asString());
        assertThat(ticket.get("title").asString()).isEqualTo("Printer on fire");
        assertThat(ticket.get("description").asString()).isEqualTo("Third floor");
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("priority").asString()).isEqualTo("urgent");
        assertThat(ticket.get("version").asLong()).isEqualTo(created.get("version").asLong()).isEqualTo(1);
        assertThat(read.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(ticket.get("requester").get("id").asString()).isEqualTo(requester);

        // One correlation id and one trace from the request to the projector's log line about its event.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Files.readAllLines(platform.query.log()).stream()
                        .filter(line -> line.contains("APPLIED TicketOpened v1 of " + id)))
                        .singleElement().asString().contains("[e2e-flow-1] [" + TRACE_ID + "]"));

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(TestKafka.bootstrapServers(),
                platform.topic, r -> r.stream().anyMatch(rec -> id.equals(rec.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertThat(header(record, EventHeaders.TYPE)).isEqualTo("dev.docket.ticket.opened.v2");
        assertThat(header(record, EventHeaders.ACTOR)).isEqualTo("alice");
        assertThat(header(record, EventHeaders.CORRELATION_ID)).isEqualTo("e2e-flow-1");
        assertThat(header(record, EventHeaders.CAUSATION_ID)).isNotBlank();
        // the title travels sealed; the read side above showed it opened
        assertThat(json.readTree(record.value()).get("title").asString()).startsWith("docket:sealed:v1:")
                .doesNotContain("Printer");
    }

    @Test
    void changesMadeWithTheETagOfTheReadSideApplyOnceAndAStaleOneIsRefused() throws Exception {
        String ticket = open("Change me");
        String agent = register("agent");
        URI view = URI.create(platform.queryUrl("/api/tickets/" + ticket));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> get(view).statusCode() == 200);
        String etag = get(view).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> assigned = change("PUT", ticket, "/assignee", "{\"assigneeId\":\"" + agent + "\"}", etag);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        HttpResponse<String> stale = change("PUT", ticket, "/priority", "{\"priority\":\"low\"}", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        String current = assigned.headers().firstValue("ETag").orElseThrow();
        assertThat(change("PUT", ticket, "/status", "{\"status\":\"in_progress\"}", current).statusCode()).isEqualTo(200);
        HttpResponse<String> commented = change("POST", ticket, "/comments", "{\"body\":\"On it\"}", null);
        assertThat(commented.statusCode()).isEqualTo(201);
        long version = json.readTree(commented.body()).get("version").asLong();

        JsonNode read = json.readTree(get(URI.create(view + "?minVersion=" + version)).body());
        assertThat(read.get("version").asLong()).isEqualTo(4);
        assertThat(read.get("assignee").get("id").asString()).isEqualTo(agent);
        assertThat(read.get("status").asString()).isEqualTo("in_progress");
        assertThat(read.get("priority").asString()).isEqualTo("normal");
        assertThat(read.get("counts").get("publicComments").asInt()).isEqualTo(1);
        assertThat(read.get("comments").get(0).get("body").asString()).isEqualTo("On it");
    }

    @Test
    void theListOnTheQuerySideShowsNewTicketsFirst() throws Exception {
        String first = open("First of two");
        String second = open("Second of two");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(URI.create(platform.queryUrl("/api/tickets/" + second))).statusCode() == 200
                        && get(URI.create(platform.queryUrl("/api/tickets/" + first))).statusCode() == 200);
        JsonNode list = json.readTree(get(URI.create(platform.queryUrl("/api/tickets?limit=2"))).body());
        List<String> ids = new java.util.ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).containsExactly(second, first);
    }

    @Test
    void bothServicesReportHealthIncludingTheirKafkaAndDatabase() throws Exception {
        JsonNode command = json.readTree(get(URI.create(platform.commandUrl("/actuator/health"))).body());
        assertThat(command.get("status").asString()).isEqualTo("UP");
        assertThat(command.get("components").propertyNames()).contains("db", "kafka", "relay");
        JsonNode query = json.readTree(get(URI.create(platform.queryUrl("/actuator/health"))).body());
        assertThat(query.get("status").asString()).isEqualTo("UP");
        assertThat(query.get("components").propertyNames()).contains("db", "kafka", "consumer");
    }

    private String open(String title) throws Exception {
        HttpResponse<String> response = post("/api/tickets", "{\"title\":\"" + title + "\",\"requesterId\":\""
                + register("requester") + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private String register(String role) throws Exception {
        HttpResponse<String> response = post("/api/users", "{\"email\":\"" + role + "-" + java.util.UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Someone\",\"role\":\"" + role + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(authorized(URI.create(platform.commandUrl(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> change(String method, String ticket, String suffix, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = authorized(URI.create(platform.commandUrl("/api/tickets/" + ticket + suffix)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(authorized(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
