package dev.docket.query.ingest;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record the consumer cannot apply stops its partition: the records behind it are not applied around it, the
 * service reports the failure, and nothing is stored as done. (Parking such records is a later feature.)
 */
class ConsumerNeverSkipsIT extends QueryServiceTestBase {

    @Autowired
    TicketEventConsumer consumer;

    @Test
    void anEventOfAnUnknownTypeHoldsBackItsPartitionInsteadOfBeingSkipped() throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.record(topic, UUID.randomUUID().toString(), "dev.docket.ticket.teleported.v1",
                "{}".getBytes(StandardCharsets.UTF_8), ticket, 1, 1, Instant.now()));
        events.send(ContractRecords.opened(ticket, "TCK-000900", "Behind the unknown event"), 2, 2, Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.status().state() == TicketEventConsumer.State.FAILING);
        assertThat(consumer.status().lastError()).contains("unknown event type dev.docket.ticket.teleported.v1");
        assertThat(get("/api/tickets/" + ticket).statusCode()).isEqualTo(404);
        assertThat(consumer.status().appliedRecords()).isZero();
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
    }
}
