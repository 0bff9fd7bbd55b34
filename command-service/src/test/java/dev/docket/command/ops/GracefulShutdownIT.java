package dev.docket.command.ops;

import dev.docket.command.CommandServiceApplication;
import dev.docket.testing.EventStoreContents;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service stopped gracefully under load: every request it accepted finishes with its answer, none gets
 * a 5xx, the relay stops after its last acknowledged batch, and a new instance on the same database and topic
 * publishes the rest, so every stored event is on the topic exactly once and every acknowledged change is stored.
 */
class GracefulShutdownIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WRITERS = 6;

    private final PostgresDatabase database = PostgresDatabase.create("shutdown");
    private final String topic = TestKafka.uniqueTopic("shutdown");
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.close();
    }

    @Test
    void inFlightRequestsFinishAndARestartPublishesTheRestExactlyOnce() throws Exception {
        service = start();
        int port = port(service);
        String requester = json(call(port, "POST", "/api/users", "{\"email\":\"shutdown@example.com\","
                + "\"displayName\":\"Sam\",\"role\":\"requester\"}")).get("id").asString();

        ConcurrentLinkedQueue<JsonNode> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch warmedUp = new CountDownLatch(WRITERS * 5);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            writers.submit(() -> {
                while (!stopping.get() || warmedUp.getCount() > 0) {
                    try {
                        HttpResponse<String> opened = call(port, "POST", "/api/tickets",
                                "{\"title\":\"Under load\",\"requesterId\":\"" + requester + "\"}");
                        statuses.add(opened.statusCode());
                        if (opened.statusCode() == 201) {
                            acknowledged.add(json(opened));
                            String id = json(opened).get("id").asString();
                            HttpResponse<String> changed = call(port, "PUT", "/api/tickets/" + id + "/priority",
                                    "{\"priority\":\"high\"}");
                            statuses.add(changed.statusCode());
                            if (changed.statusCode() == 200) {
                                acknowledged.add(json(changed));
                            }
                        }
                        warmedUp.countDown();
                    } catch (IOException refused) {
                        // the server stopped taking connections: the client would retry elsewhere
                        if (stopping.get()) {
                            return null;
                        }
                    }
                }
                return null;
            });
        }
        assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
        stopping.set(true);
        service.close();
        service = null;
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(statuses).as("no accepted request failed while the service stopped")
                .allSatisfy(status -> assertThat(status).isIn(200, 201));
        Map<String, Long> versionsAcknowledged = new HashMap<>();
        acknowledged.forEach(a -> versionsAcknowledged.merge(a.get("id").asString(), a.get("version").asLong(), Math::max));
        Map<String, Long> versionsStored = EventStoreContents.versions(database);
        versionsAcknowledged.forEach((id, version) -> assertThat(versionsStored.get(id)).as(id).isEqualTo(version));

        service = start();
        long stored = database.queryLong("SELECT count(*) FROM domain_event_entry");
        List<ConsumerRecord<String, byte[]>> published = TopicReader.readUntil(TestKafka.bootstrapServers(), topic,
                records -> records.size() >= stored, Duration.ofSeconds(60));
        List<String> ids = new ArrayList<>();
        published.forEach(r -> ids.add(new String(r.headers().lastHeader("ce_id").value())));
        assertThat(ids).hasSize((int) stored).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(EventStoreContents.eventIds(database));
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--docket.kafka.topic=" + topic,
                "--docket.data-protection.key-encryption-key=" + TestIdentity.keys().keyEncryptionKeyBase64(),
                "--docket.auth.local-public-key=" + TestIdentity.keys().tokenPublicKeyBase64());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpResponse<String> call(int port, String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestIdentity.admin()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
