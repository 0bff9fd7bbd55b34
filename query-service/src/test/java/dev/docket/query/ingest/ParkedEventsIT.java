package dev.docket.query.ingest;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that cannot be applied is retried, then parked with the events of its ticket behind it, in order; other
 * tickets go on. Nothing is skipped: a retry applies the parked events in version order once they can be applied.
 */
class ParkedEventsIT extends QueryServiceTestBase {

    @Test
    void anEventThatKeepsFailingIsParkedWithItsTicketsLaterEventsWhileOtherTicketsGoOn() throws Exception {
        TicketId stuck = new TicketId(UUID.randomUUID());
        Instant now = Instant.now();
        events.send(ContractRecords.opened(stuck, "TCK-000900", "Before the unknown event"), 1, 1, now);
        events.send(ContractRecords.record(topic, UUID.randomUUID().toString(), "dev.docket.ticket.teleported.v1",
                "{}".getBytes(StandardCharsets.UTF_8), stuck, 2, 2, now));
        events.send(new TicketPriorityChanged(stuck, Priority.HIGH, Priority.URGENT), 3, 3, now);
        List<TicketId> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TicketId other = new TicketId(UUID.randomUUID());
            others.add(other);
            events.send(ContractRecords.opened(other, "TCK-00091" + i, "Unaffected " + i), 1, 10 + i, now);
        }

        for (TicketId other : others) {
            awaitVersion(other, 1);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> parked(stuck).size() == 2);
        List<JsonNode> parked = parked(stuck);
        assertThat(parked).extracting(p -> p.get("version").asLong()).containsExactly(2L, 3L);
        assertThat(parked).extracting(p -> p.get("subjectId").asString()).containsOnly(stuck.toString());
        assertThat(parked.get(0).get("error").asString()).contains("unknown event type dev.docket.ticket.teleported.v1");
        assertThat(parked.get(0).get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(parked.get(1).get("error").asString()).contains("waits behind");
        JsonNode ticket = getJson("/api/tickets/" + stuck);
        assertThat(ticket.get("version").asLong()).isEqualTo(1);
        assertThat(ticket.get("priority").asString()).isEqualTo("high");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").statusCode() == 200);

        // Still unknown: a retry changes nothing and keeps the order.
        JsonNode outcome = json.readTree(post("/api/admin/parked-events/retry?subject=" + stuck).body());
        assertThat(outcome.get("applied").asInt()).isZero();
        assertThat(outcome.get("stillParked").asInt()).isEqualTo(2);
        assertThat(parked(stuck)).extracting(p -> p.get("version").asLong()).containsExactly(2L, 3L);
    }

    @Test
    void anEventAfterAGapIsParkedAndARetryAppliesTheParkedEventsInOrderOnceTheMissingOneArrived() throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        Instant now = Instant.now();
        events.send(ContractRecords.opened(ticket, "TCK-000950", "Gap"), 1, 1, now);
        awaitVersion(ticket, 1);
        TicketCommentAdded third = new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), "ana",
                CommentVisibility.PUBLIC, "Version three before two");
        events.send(third, 3, 3, now);
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(ticket).size() == 1);
        assertThat(parked(ticket).getFirst().get("error").asString()).contains("version gap");
        assertThat(getJson("/api/tickets/" + ticket).get("version").asLong()).isEqualTo(1);

        // The missing event arrives late (a relay republishing): it waits behind the parked one, never overtakes it.
        events.send(new TicketPriorityChanged(ticket, Priority.HIGH, Priority.LOW), 2, 2, now);
        await().atMost(Duration.ofSeconds(30)).until(() -> parked(ticket).size() == 2);
        assertThat(getJson("/api/tickets/" + ticket).get("version").asLong()).isEqualTo(1);

        JsonNode outcome = json.readTree(post("/api/admin/parked-events/retry?subject=" + ticket).body());

        assertThat(outcome.get("applied").asInt()).isEqualTo(2);
        assertThat(outcome.get("stillParked").asInt()).isZero();
        assertThat(parked(ticket)).isEmpty();
        JsonNode view = getJson("/api/tickets/" + ticket);
        assertThat(view.get("version").asLong()).isEqualTo(3);
        assertThat(view.get("priority").asString()).isEqualTo("low");
        assertThat(view.get("counts").get("publicComments").asInt()).isEqualTo(1);
        assertThat(queryLong("SELECT parked_events FROM rm_1.subject_progress WHERE subject_id = '" + ticket + "'"))
                .isZero();

        // And the ticket's next event flows normally again.
        events.send(new TicketPriorityChanged(ticket, Priority.LOW, Priority.URGENT), 4, 4, now);
        awaitVersion(ticket, 4);
        assertThat(getJson("/api/tickets/" + ticket).get("priority").asString()).isEqualTo("urgent");
    }

    /** The parked events of {@code ticket} (other tests share the database). */
    private List<JsonNode> parked(TicketId ticket) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        getJson("/api/admin/parked-events").get("items").forEach(item -> {
            if (item.get("subjectId").asString().equals(ticket.toString())) {
                items.add(item);
            }
        });
        return items;
    }
}
