package dev.docket.query.ingest;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One batch (records committed together while the consumer was held, so one poll brings them) holds an event that
 * cannot be applied. The container retries the batch, then applies its records one by one: the bad event is parked
 * with its ticket's later event, every other ticket of the batch is applied once; and when the whole batch is
 * delivered again (the stored offsets moved back), nothing is applied twice and nothing is parked twice.
 */
class BatchWithABadEventIT extends QueryServiceTestBase {

    private static final int GOOD_TICKETS = 8;

    @Autowired
    ReadModelConsumers consumers;

    @Test
    void theBadEventIsParkedWithItsTicketsLaterEventsAndTheRestOfTheBatchIsAppliedOnce() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.consumerOf(1).isPresent());
        GenerationConsumer consumer = consumers.consumerOf(1).orElseThrow();
        long ticketsBefore = getJson("/api/stats/status-counts").get("total").asLong();
        Map<Integer, Long> offsetsBefore = storedOffsets();

        consumer.stop();
        Instant now = Instant.now();
        List<TicketId> good = new ArrayList<>();
        TicketId bad = new TicketId(UUID.randomUUID());
        long position = 1;
        for (int i = 0; i < GOOD_TICKETS; i++) {
            TicketId ticket = new TicketId(UUID.randomUUID());
            good.add(ticket);
            events.sendAsync(ContractRecords.opened(ticket, "BAT-00" + i, "Good " + i), 1, position++, now);
            events.sendAsync(comment(ticket), 2, position++, now);
        }
        events.sendAsync(ContractRecords.opened(bad, "BAT-BAD", "Bad"), 1, position++, now);
        events.sendAsync(ContractRecords.record(topic, UUID.randomUUID().toString(), "dev.docket.ticket.teleported.v1",
                "{}".getBytes(StandardCharsets.UTF_8), bad, 2, position++, now));
        events.sendAsync(comment(bad), 3, position, now);
        events.flush();
        consumer.start();

        for (TicketId ticket : good) {
            awaitVersion(ticket, 2);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> parkedVersions(bad).size() == 2);
        assertApplied(good, bad, ticketsBefore);
        // everything read, the transaction markers included (stepped over once the consumer is idle)
        await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsets().equals(endOffsets()));

        // Deliver the whole batch again: the stored offsets go back to where they were before it.
        consumer.stop();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        jdbc.update("DELETE FROM rm_1.consumer_offset");
        offsetsBefore.forEach((partition, next) -> jdbc.update("""
                INSERT INTO rm_1.consumer_offset (topic, partition, next_offset, end_offset)
                VALUES (?, ?, ?, ?)""", topic, partition, next, next));
        consumer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> storedOffsets().equals(endOffsets()));

        assertApplied(good, bad, ticketsBefore);
    }

    private void assertApplied(List<TicketId> good, TicketId bad, long ticketsBefore) throws Exception {
        for (TicketId ticket : good) {
            JsonNode view = getJson("/api/tickets/" + ticket);
            assertThat(view.get("version").asLong()).isEqualTo(2);
            assertThat(view.get("counts").get("publicComments").asInt()).isEqualTo(1);
        }
        assertThat(getJson("/api/stats/status-counts").get("total").asLong())
                .isEqualTo(ticketsBefore + GOOD_TICKETS + 1);
        assertThat(queryLong("SELECT count(*) FROM rm_1.ticket_comment WHERE ticket_id IN (SELECT id FROM rm_1.ticket "
                + "WHERE number LIKE 'BAT-%')")).isEqualTo(GOOD_TICKETS);
        assertThat(getJson("/api/tickets/" + bad).get("version").asLong()).isEqualTo(1);
        assertThat(parkedVersions(bad)).containsExactly(2L, 3L);
        assertThat(queryLong("SELECT parked_events FROM rm_1.subject_progress WHERE subject_id = '" + bad + "'"))
                .isEqualTo(2);
    }

    private static TicketCommentAdded comment(TicketId ticket) {
        return new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), ContractRecords.REQUESTER.toString(),
                CommentVisibility.PUBLIC, "A comment on " + ticket);
    }

    private List<Long> parkedVersions(TicketId ticket) throws Exception {
        List<Long> versions = new ArrayList<>();
        getJson("/api/admin/parked-events").get("items").forEach(item -> {
            if (item.get("subjectId").asString().equals(ticket.toString())) {
                versions.add(item.get("version").asLong());
            }
        });
        return versions;
    }

    /** Each partition's end, of those that hold anything. */
    private Map<Integer, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> {
                if (end.offset() > 0) {
                    ends.put(partition.partition(), end.offset());
                }
            });
            return ends;
        }
    }

    private Map<Integer, Long> storedOffsets() {
        Map<Integer, Long> offsets = new HashMap<>();
        new JdbcTemplate(database.dataSource()).query("SELECT partition, next_offset FROM rm_1.consumer_offset "
                + "WHERE topic = ?", rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }, topic);
        return offsets;
    }
}
