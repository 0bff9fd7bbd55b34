package dev.docket.e2e;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.docket.events.EventTypes;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a downstream team sees: commands that produce every event type, read back from the topic with the official
 * CloudEvents SDK (Kafka binding), each record's attributes checked and its data validated against the JSON Schema
 * its {@code dataschema} names.
 */
class EventContractIT extends AgainstRunningPlatform {

    private static final String CANONICAL_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyEventTypeArrivesAsACloudEventWhoseDataMatchesItsSchema() throws Exception {
        // service levels: a ticket under a policy, answered at once: its first response is fulfilled. A warning and a
        // breach take at least a minute of clock time; SlaSweeperIT shows them on the topic under a moved clock, and
        // EventSchemaTest holds their data to their schemas
        String calendar = json.readTree(send("POST", "/api/sla/calendars", "{\"name\":\"Office\",\"zone\":\"UTC\","
                + "\"week\":[{\"day\":\"MONDAY\",\"from\":\"09:00\",\"to\":\"17:00\"}]}", 201)).get("id").asString();
        String book = json.readTree(send("PUT", "/api/sla/policies", "{\"policies\":[{\"id\":\"contract\","
                + "\"name\":\"Contract test\",\"conditions\":{\"tags\":[\"sla-contract\"]},\"calendar\":\"" + calendar
                + "\",\"targets\":[{\"priority\":\"normal\",\"metric\":\"first_response\",\"minutes\":60,"
                + "\"basis\":\"calendar\"}]}]}", 200)).get("id").asString();
        String slaRequester = register("requester", "Sol");
        String clocked = json.readTree(send("POST", "/api/tickets", "{\"title\":\"On the clock\",\"requesterId\":\""
                + slaRequester + "\",\"tags\":[\"sla-contract\"]}", 201)).get("id").asString();
        send("POST", "/api/tickets/" + clocked + "/comments", "{\"body\":\"On it\"}", 201);

        String requester = register("requester", "Rae Lind");
        String agent = register("agent", "Ana");
        String newRequester = register("requester", "Nia");
        String renamed = register("requester", "Old name");
        send("PUT", "/api/users/" + renamed + "/display-name", "{\"displayName\":\"New name\"}", 200);
        String leaving = register("requester", "Leaving");
        send("POST", "/api/users/" + leaving + "/deactivate", "{\"reason\":\"left\"}", 200);
        send("POST", "/api/users/" + leaving + "/erasure", "{\"legalBasis\":\"GDPR Art. 17(1)(a)\"}", 201);

        String ticket = json.readTree(send("POST", "/api/tickets", "{\"title\":\"Printer on fire\",\"requesterId\":\""
                + requester + "\",\"tags\":[\"hardware\"]}", 201)).get("id").asString();
        String t = "/api/tickets/" + ticket;
        send("PATCH", t + "/details", "{\"title\":\"Printer smoking\",\"description\":\"Third floor\"}", 200);
        send("PUT", t + "/priority", "{\"priority\":\"urgent\"}", 200);
        send("PUT", t + "/assignee", "{\"assigneeId\":\"" + agent + "\"}", 200);
        send("DELETE", t + "/assignee", "", 200);
        send("PUT", t + "/requester", "{\"requesterId\":\"" + newRequester + "\",\"reason\":\"moved\"}", 200);
        send("PUT", t + "/status", "{\"status\":\"in_progress\"}", 200);
        send("POST", t + "/comments", "{\"body\":\"On it\"}", 201);
        send("POST", t + "/comments", "{\"body\":\"VIP, refund agreed\",\"visibility\":\"internal\"}", 201);
        upload(t + "/attachments", "crash.log", "boom");
        send("PATCH", t + "/tags", "{\"add\":[\"fire\"],\"remove\":[\"hardware\"]}", 200);
        send("POST", t + "/archive", "{\"reason\":\"spam\"}", 200);
        send("POST", t + "/restore", "{\"reason\":\"not spam\"}", 200);
        Set<String> subjects = Set.of(requester, agent, newRequester, renamed, leaving, ticket, calendar, book,
                slaRequester, clocked);
        int expected = 5 + 2 + 13 + 2 + 1 + 4;

        List<CloudEvent> events = consume(subjects, expected);

        assertThat(events.stream().map(CloudEvent::getId).distinct()).as("one id per event").hasSize(events.size());
        Set<String> types = new HashSet<>();
        Map<String, Long> lastVersion = new HashMap<>();
        for (CloudEvent event : events) {
            types.add(event.getType());
            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getId()).matches(CANONICAL_UUID);
            assertThat(event.getSource().toString()).isNotBlank();
            assertThat(event.getTime()).isNotNull();
            assertThat(event.getDataContentType()).isEqualTo("application/json");
            assertThat(event.getDataSchema()).isEqualTo(EventTypes.schemaOf(event.getType()));
            assertThat(event.getExtension("actor")).isNotNull();
            assertThat(event.getExtension("correlationid")).isNotNull();
            assertThat(event.getExtension("causationid")).isNotNull();
            assertThat(Long.parseLong(event.getExtension("position").toString())).isPositive();
            long version = Long.parseLong(event.getExtension("subjectversion").toString());
            assertThat(version).as("per-subject order of %s", event.getSubject())
                    .isEqualTo(lastVersion.getOrDefault(event.getSubject(), 0L) + 1);
            lastVersion.put(event.getSubject(), version);
            String data = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
            assertThat(validate(event.getType(), data)).as("%s: %s", event.getType(), data).isEmpty();
            JsonNode tree = json.readTree(data);
            assertThat(Stream.of("ticketId", "userId", "calendarId", "bookId").filter(tree::has).findFirst()
                    .map(id -> tree.get(id).asString())).contains(event.getSubject());
        }
        // personal texts travel sealed: none of them is on the topic in clear
        assertThat(events).allSatisfy(event -> assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
                .doesNotContain("Printer", "Third floor", "On it", "VIP, refund", "crash.log", "Rae Lind", "New name", "@example.com"));
        Set<String> all = new HashSet<>();
        EventTypes.all().forEach(type -> EventTypes.classOf(type).map(EventTypes::typeOf).ifPresent(all::add));
        all.removeAll(Set.of("dev.docket.ticket.sla-warning-raised.v1", "dev.docket.ticket.sla-breached.v1"));
        assertThat(types).isEqualTo(all);
        assertThat(lastVersion.get(ticket)).isEqualTo(13);
    }

    private List<CloudEvent> consume(Set<String> subjects, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<CloudEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new CloudEventDeserializer())) {
            consumer.subscribe(List.of(platform.topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    if (subjects.contains(record.key())) {
                        assertThat(record.value().getSubject()).isEqualTo(record.key());
                        events.add(record.value());
                    }
                }
            }
        }
        assertThat(events).hasSize(expected);
        return events;
    }

    private static java.util.Set<com.networknt.schema.ValidationMessage> validate(String type, String data)
            throws IOException {
        try (InputStream in = EventContractIT.class.getClassLoader().getResourceAsStream(EventTypes.schemaResource(type))) {
            String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, InputFormat.JSON)
                    .validate(data, InputFormat.JSON);
        }
    }

    private String register(String role, String name) throws Exception {
        return json.readTree(send("POST", "/api/users", "{\"email\":\"" + role + "-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"" + name + "\",\"role\":\"" + role + "\"}", 201))
                .get("id").asString();
    }

    private String send(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", TestIdentity.bearer("contract-test", "admin"))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }

    private void upload(String path, String fileName, String content) throws Exception {
        String boundary = "docket-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", TestIdentity.bearer("contract-test", "admin"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
