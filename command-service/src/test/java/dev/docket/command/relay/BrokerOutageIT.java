package dev.docket.command.relay;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.events.EventHeaders;
import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka down does not stop the business: with the broker stopped, commands are still accepted (their events are
 * committed in PostgreSQL), the relay's lag grows, and when the broker returns every event is published, in order
 * per ticket, none lost. The service runs against a broker of its own, which this test stops and restarts.
 */
@ContextConfiguration(initializers = BrokerOutageIT.OwnBroker.class)
class BrokerOutageIT extends CommandServiceTestBase {

    private static LocalKafkaBroker broker;

    @Value("${docket.kafka.topic}")
    String topic;

    /** Starts this class's broker and points the service at it (after the shared test infrastructure). */
    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                broker = LocalKafkaBroker.startOnFreePorts(Files.createTempDirectory("docket-outage-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("outage-broker", Map.of(
                    "spring.kafka.bootstrap-servers", broker.bootstrapServers(),
                    "docket.relay.retry-backoff", "200ms")));
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void commandsAreAcceptedWhileKafkaIsDownAndEveryEventIsPublishedInOrderWhenItReturns() throws Exception {
        String before = openTicket("Before the outage");
        await().atMost(Duration.ofSeconds(60)).until(() -> published().stream().anyMatch(r -> before.equals(r.key())));

        broker.stop();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String ticket = openTicket("During the outage " + i);
            tickets.add(ticket);
            HttpResponse<String> priority = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"urgent\"}");
            assertThat(priority.statusCode()).as(priority.body()).isEqualTo(200);
            HttpResponse<String> status = send("PUT", "/api/tickets/" + ticket + "/status", "{\"status\":\"in_progress\"}");
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode lag = JSON.readTree(http.send(authorized(
                    uri("/actuator/metrics/docket.relay.lag.events")).build(), HttpResponse.BodyHandlers.ofString()).body());
            // 5 tickets x 3 events and 5 registrations, all committed, none published
            assertThat(lag.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(20);
        });
        // Health says Kafka is down; the instance stays ready, because it still takes commands.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(health("/actuator/health").at("/components/kafka/status").asString()).isEqualTo("DOWN"));
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);

        broker.restart(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(health("/actuator/health").at("/components/kafka/status").asString()).isEqualTo("UP"));

        long stored = eventCount();
        await().atMost(Duration.ofSeconds(90)).until(() -> published().size() >= stored);
        List<ConsumerRecord<String, byte[]>> records = published();
        Set<String> storedIds = new HashSet<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_identifier FROM domain_event_entry")) {
            while (rs.next()) {
                storedIds.add(rs.getString(1));
            }
        }
        Set<String> publishedIds = new HashSet<>();
        Map<String, Long> lastVersion = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            publishedIds.add(header(record, EventHeaders.ID));
            long version = Long.parseLong(header(record, EventHeaders.SUBJECT_VERSION));
            long last = lastVersion.getOrDefault(record.key(), 0L);
            // At least once: a batch published before the outage may come again. Whatever is new must be the next
            // version: never a gap, never out of order.
            if (version > last) {
                assertThat(version).as("next event of %s", record.key()).isEqualTo(last + 1);
                lastVersion.put(record.key(), version);
            }
        }
        assertThat(publishedIds).isEqualTo(storedIds);
        for (String ticket : tickets) {
            assertThat(lastVersion.get(ticket)).isEqualTo(3);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(JSON.readTree(http.send(
                authorized(uri("/actuator/metrics/docket.relay.lag.events")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("measurements").get(0).get("value").asDouble())
                .isZero());
    }

    private List<ConsumerRecord<String, byte[]>> published() {
        return TopicReader.readAll(broker.bootstrapServers(), topic);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private JsonNode health(String path) throws Exception {
        return JSON.readTree(send("GET", path, null).body());
    }
}
