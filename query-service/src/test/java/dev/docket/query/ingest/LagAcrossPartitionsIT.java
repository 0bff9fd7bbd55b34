package dev.docket.query.ingest;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

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
 * The read models' lag counts every partition of the topic. Here the active generation's consumer is held while a
 * history arrives, so no partition has an offset stored with the read models: the service is behind by all the
 * partitions hold, as a service that starts on a topic with history is. (The lag used to be summed over stored offsets only,
 * and read 0 here.) Once the consumer runs again, the lag falls to 0 with every ticket applied.
 */
class LagAcrossPartitionsIT extends QueryServiceTestBase {

    private static final int TICKETS = 30;

    @Autowired
    ReadModelConsumers consumers;

    @Test
    void partitionsNotReadYetCountWithEverythingTheyHold() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.consumerOf(1).isPresent());
        GenerationConsumer active = consumers.consumerOf(1).orElseThrow();
        active.stop();
        List<TicketId> tickets = new ArrayList<>();
        try {
            for (int i = 0; i < TICKETS; i++) {
                TicketId id = new TicketId(UUID.randomUUID());
                tickets.add(id);
                events.sendAsync(ContractRecords.opened(id, "LAG-" + i, "History " + i), 1, i + 1, Instant.now());
            }
            events.flush();
            // all the partitions hold: the records and, as these test records are sent in a Kafka transaction, a
            // commit marker per partition (written just after the commit returns)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                long held = endOffsets();
                assertThat(held).isGreaterThanOrEqualTo(TICKETS);
                assertThat(readModelLag()).isEqualTo(held);
            });
            assertThat(queryLong("SELECT count(*) FROM rm_1.consumer_offset")).isZero();
            assertThat(queryLong("SELECT count(*) FROM rm_1.ticket")).isZero();
        } finally {
            active.start();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(readModelLag()).isZero());
        assertThat(queryLong("SELECT count(*) FROM rm_1.ticket")).isEqualTo(TICKETS);
        for (TicketId id : tickets) {
            assertThat(getJson("/api/tickets/" + id).get("title").asString()).startsWith("History ");
        }
    }

    /** Everything the topic's partitions hold, as Kafka counts it. */
    private long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }
}
