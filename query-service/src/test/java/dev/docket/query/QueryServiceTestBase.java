package dev.docket.query;

import dev.docket.testing.DocketServiceTest;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole query service on a random port with its own database and topic on real PostgreSQL and Kafka. The
 * topic is created here as the relay would create it.
 */
@DocketServiceTest
@TestPropertySource(properties = "docket.consumer.retry-backoff=200ms")
public abstract class QueryServiceTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected PostgresDatabase database;
    @Value("${docket.kafka.topic}")
    protected String topic;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected ContractRecords events;
    protected final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void topicAndProducer() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // A record sent before its partition has a leader is retried behind records sent after it.
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                    .get().get(topic).partitions().stream().allMatch(p -> p.leader() != null));
        }
        events = new ContractRecords(TestKafka.bootstrapServers(), topic);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    /** A request to {@code uri} as the default caller, an admin. */
    protected static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", TestIdentity.admin());
    }

    /** GETs {@code path} as the default caller, an admin. */
    protected HttpResponse<String> get(String path) throws Exception {
        return getAs(TestIdentity.admin(), path);
    }

    /** GETs {@code path} with {@code authorization} ({@code Bearer ...}, or null for none). */
    protected HttpResponse<String> getAs(String authorization, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestIdentity.admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method path} with a JSON body (or none, when null) and {@code authorization}. */
    protected HttpResponse<String> sendAs(String authorization, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path}, expecting 200, and returns the body. */
    protected JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Waits until the read model holds {@code version} of the subject (a ticket or a person). */
    protected void awaitVersion(Object subject, long version) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> queryLong("SELECT coalesce(max(version), 0) FROM rm_1.subject_progress WHERE subject_id = '"
                        + subject + "'") >= version);
    }

    /** The events in the topic that the active read models have not applied yet, as the API reports it. */
    protected long readModelLag() throws Exception {
        HttpResponse<String> response = get("/api/tickets?limit=1");
        assertThat(response.statusCode()).isEqualTo(200);
        return Long.parseLong(response.headers().firstValue("Docket-Read-Model-Lag").orElseThrow());
    }

    protected long queryLong(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits up to 30 s for the latch, failing the test (from any thread) when it is not released. */
    protected static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code work} is done or some transaction waits for an advisory lock (then the work is blocked). */
    protected void awaitDoneOrWaitingOnALock(java.util.concurrent.Future<?> work) {
        await().atMost(Duration.ofSeconds(30)).until(() -> work.isDone() || queryLong(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0);
    }

    protected static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The ids of a list's items, in order. */
    protected static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
