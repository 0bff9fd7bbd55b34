package dev.docket.query.ingest;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that skips a version (the one before it never arrived) is not applied over the hole: the projection
 * refuses it, the consumer holds its partition and reports the failure, and the row stays at its last good version.
 */
class ProjectionGapIT extends QueryServiceTestBase {

    @Autowired
    TicketEventConsumer consumer;

    @Test
    void anEventAfterAMissingOneIsRefusedInsteadOfAppliedOverTheGap() throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(ticket, "TCK-000950", "Gap"), 1, 1, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/tickets/" + ticket).statusCode() == 200);
        events.send(new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), "ana", CommentVisibility.PUBLIC,
                "Version three without two"), 3, 3, Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.status().state() == TicketEventConsumer.State.FAILING);
        assertThat(consumer.status().lastError()).contains("an earlier event is missing");
        var ticketView = JsonMapper.builder().build().readTree(get("/api/tickets/" + ticket).body());
        assertThat(ticketView.get("version").asLong()).isEqualTo(1);
        assertThat(ticketView.get("publicCommentCount").asInt()).isZero();
    }
}
