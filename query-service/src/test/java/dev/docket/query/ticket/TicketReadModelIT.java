package dev.docket.query.ticket;

import dev.docket.events.AttachmentId;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events published to Kafka become visible through the query API, each applied once in effect. */
class TicketReadModelIT extends QueryServiceTestBase {

    @Autowired
    SmartLifecycle readModelConsumers;

    @Test
    void aPublishedTicketBecomesVisibleWithItsNumberStatusPriorityAndVersion() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        Instant openedAt = Instant.parse("2026-11-20T09:15:30.123Z");
        events.send(ContractRecords.opened(id, "TCK-000101", "Printer on fire"), 1, 17, openedAt);

        JsonNode ticket = awaitTicket(id);

        assertThat(ticket.get("number").asString()).isEqualTo("TCK-000101");
        assertThat(ticket.get("title").asString()).isEqualTo("Printer on fire");
        assertThat(ticket.get("description").asString()).isEqualTo("Description of Printer on fire");
        assertThat(ticket.get("status").asString()).isEqualTo("open");
        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        assertThat(ticket.get("version").asLong()).isEqualTo(1);
        assertThat(ticket.get("createdAt").asString()).isEqualTo("2026-11-20T09:15:30.123Z");
        assertThat(ticket.get("updatedAt").asString()).isEqualTo("2026-11-20T09:15:30.123Z");
        HttpResponse<String> response = get("/api/tickets/" + id);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
    }

    @Test
    void theSameEventDeliveredTwiceLeavesTheReadModelAsAfterOneDelivery() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var first = ContractRecords.record(topic, eventId, ContractRecords.opened(id, "TCK-000201", "Once"), 1, 30, at);
        events.send(first);
        awaitTicket(id);
        Map<String, Object> afterOne = row(id);

        // The relay republishes after a crash: the same event again, at a new offset, then something new.
        events.send(ContractRecords.record(topic, eventId, ContractRecords.opened(id, "TCK-000201", "Once"), 1, 30, at));
        TicketId marker = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.record(topic, UUID.randomUUID().toString(),
                ContractRecords.opened(marker, "TCK-000202", "Marker"), 1, 31, at));
        // same key, same partition: once the marker is visible the duplicate before it was processed
        awaitTicket(marker);

        assertThat(row(id)).isEqualTo(afterOne);
        assertThat(count("SELECT count(*) FROM rm_1.ticket WHERE number = 'TCK-000201'")).isEqualTo(1);
    }

    @Test
    void laterEventsKeepTheTicketViewCurrent() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        UserId agent = new UserId(UUID.randomUUID());
        UserId newRequester = new UserId(UUID.randomUUID());
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        events.send(new UserRegistered(agent, "agent@example.com", "Agent", Role.AGENT), 1, 99, t);
        List<TicketEvent> history = List.of(
                ContractRecords.opened(id, "TCK-000150", "Printer"),
                new TicketEdited(id, "Printer smoking", "Now smoking"),
                new TicketPriorityChanged(id, Priority.HIGH, Priority.URGENT),
                new TicketAssigned(id, agent, null),
                new TicketStatusChanged(id, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, ""),
                new TicketCommentAdded(id, new CommentId(UUID.randomUUID()), "ana", CommentVisibility.PUBLIC, "Hi"),
                new TicketCommentAdded(id, new CommentId(UUID.randomUUID()), "bo", CommentVisibility.INTERNAL, "VIP"),
                new TicketAttachmentAdded(id, new AttachmentId(UUID.randomUUID()), "a.png", "image/png", 10,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                new TicketTagsChanged(id, List.of("fire"), List.of("printer")),
                new TicketOwnershipTransferred(id, ContractRecords.REQUESTER, newRequester, "Moved"),
                new TicketUnassigned(id, agent),
                new TicketArchived(id, "Spam"),
                new TicketRestored(id, ""));
        for (int i = 0; i < history.size(); i++) {
            events.send(history.get(i), i + 1, 100 + i, t.plusSeconds(i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(get("/api/tickets/" + id).body())
                .path("version").asLong() == history.size());
        JsonNode ticket = json.readTree(get("/api/tickets/" + id).body());

        assertThat(ticket.get("title").asString()).isEqualTo("Printer smoking");
        assertThat(ticket.get("description").asString()).isEqualTo("Now smoking");
        assertThat(ticket.get("priority").asString()).isEqualTo("urgent");
        assertThat(ticket.get("status").asString()).isEqualTo("in_progress");
        assertThat(ticket.get("assignee").isNull()).isTrue();
        assertThat(ticket.get("requester").get("id").asString()).isEqualTo(newRequester.toString());
        assertThat(ticket.get("tags").toString()).isEqualTo("[\"fire\"]");
        assertThat(ticket.get("archived").asBoolean()).isFalse();
        assertThat(ticket.get("counts").get("publicComments").asInt()).isEqualTo(1);
        assertThat(ticket.get("counts").get("internalNotes").asInt()).isEqualTo(1);
        assertThat(ticket.get("counts").get("attachments").asInt()).isEqualTo(1);
        assertThat(ticket.get("comments").findValuesAsString("body")).containsExactly("Hi", "VIP");
        assertThat(ticket.get("comments").findValues("internal").stream().map(JsonNode::asBoolean))
                .containsExactly(false, true);
        assertThat(ticket.get("attachments").get(0).get("fileName").asString()).isEqualTo("a.png");
        assertThat(ticket.get("lastActivityAt").asString()).isEqualTo(t.plusSeconds(7).toString());
        assertThat(ticket.get("updatedAt").asString()).isEqualTo(t.plusSeconds(history.size() - 1).toString());
    }

    @Test
    void aRedeliveredLaterEventIsNotAppliedTwice() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.send(ContractRecords.opened(id, "TCK-000250", "Twice"), 1, 200, at);
        String commentEvent = UUID.randomUUID().toString();
        TicketCommentAdded comment = new TicketCommentAdded(id, new CommentId(UUID.randomUUID()), "ana",
                CommentVisibility.PUBLIC, "Once");
        events.send(ContractRecords.record(topic, commentEvent, comment, 2, 201, at));
        events.send(ContractRecords.record(topic, commentEvent, comment, 2, 201, at));
        events.send(new TicketPriorityChanged(id, Priority.HIGH, Priority.LOW), 3, 202, at);

        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(get("/api/tickets/" + id).body())
                .path("version").asLong() == 3);
        JsonNode ticket = json.readTree(get("/api/tickets/" + id).body());
        assertThat(ticket.get("counts").get("publicComments").asInt()).isEqualTo(1);
        assertThat(ticket.get("comments").size()).isEqualTo(1);
        assertThat(ticket.get("priority").asString()).isEqualTo("low");
    }

    /** Stored offsets step over the relay's transaction markers, so a caught-up read model reports no lag. */
    @Test
    void storesThePartitionOffsetsInTheSameDatabaseAsTheReadModel() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(id, "TCK-000301", "Offsets"), 1, 40, Instant.now());
        awaitTicket(id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                count("SELECT coalesce(sum(next_offset), 0) FROM rm_1.consumer_offset WHERE topic = '" + topic + "'"))
                .isEqualTo(endOffsetsTotal()));
    }

    @Test
    void afterARestartContinuesFromTheStoredOffsetsNotKafkasCommittedOnes() throws Exception {
        TicketId before = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(before, "TCK-000401", "Before restart"), 1, 50, Instant.now());
        awaitTicket(before);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                count("SELECT coalesce(sum(next_offset), 0) FROM rm_1.consumer_offset WHERE topic = '" + topic + "'"))
                .isEqualTo(endOffsetsTotal()));
        readModelConsumers.stop();
        long rowsBefore = count("SELECT count(*) FROM rm_1.ticket");
        // Kafka's committed offsets are only informational; point them at the beginning to prove it.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                zero.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets("docket-query-g1", zero).all().get();
        }
        long storedBefore = count("SELECT coalesce(sum(next_offset), 0) FROM rm_1.consumer_offset");

        readModelConsumers.start();
        TicketId after = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(after, "TCK-000402", "After restart"), 1, 51, Instant.now());
        awaitTicket(after);

        assertThat(count("SELECT count(*) FROM rm_1.ticket")).isEqualTo(rowsBefore + 1);
        // one record and its transaction's commit marker further
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                count("SELECT coalesce(sum(next_offset), 0) FROM rm_1.consumer_offset")).isEqualTo(storedBefore + 2));
    }

    @Test
    void listsTheNewestTicketsFirstUpToTheLimit() throws Exception {
        Instant base = Instant.parse("2030-01-01T00:00:00Z");
        TicketId oldest = new TicketId(UUID.randomUUID());
        TicketId middle = new TicketId(UUID.randomUUID());
        TicketId newest = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(middle, "TCK-000502", "Middle"), 1, 61, base.plusSeconds(60));
        events.send(ContractRecords.opened(newest, "TCK-000503", "Newest"), 1, 62, base.plusSeconds(120));
        events.send(ContractRecords.opened(oldest, "TCK-000501", "Oldest"), 1, 60, base);
        awaitTicket(oldest);
        awaitTicket(middle);
        awaitTicket(newest);

        JsonNode list = json.readTree(get("/api/tickets?limit=2").body());

        assertThat(ids(list.get("items"))).containsExactly(newest.toString(), middle.toString());
        assertThat(list.get("items").get(0).has("description")).isFalse();
        assertThat(json.readTree(get("/api/tickets").body()).get("items").size()).isBetween(3, 50);
    }

    @Test
    void answersAnUnknownTicketWith404AndAMalformedIdWith400() throws Exception {
        HttpResponse<String> missing = get("/api/tickets/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(missing.body()).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");

        HttpResponse<String> malformed = get("/api/tickets/not-a-ticket");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void refusesALimitOutsideOneTo200() throws Exception {
        for (String limit : new String[]{"0", "201", "-5", "many", "99999999999"}) {
            HttpResponse<String> response = get("/api/tickets?limit=" + limit);
            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        assertThat(get("/api/tickets?limit=200").statusCode()).isEqualTo(200);
    }

    private JsonNode awaitTicket(TicketId id) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/tickets/" + id).statusCode() == 200);
        return json.readTree(get("/api/tickets/" + id).body());
    }

    private Map<String, Object> row(TicketId id) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM rm_1.ticket WHERE id = '" + id + "'")) {
            rs.next();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                row.put(rs.getMetaData().getColumnName(i),
                        value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
            }
            return row;
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long endOffsetsTotal() {
        return dev.docket.testing.TopicReader.endOffsetsTotal(TestKafka.bootstrapServers(), topic);
    }
}
