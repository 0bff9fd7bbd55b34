package dev.docket.query.security;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.UserId;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A requester sees their own tickets and nothing else, and never an internal note: in search, the view, history
 * and every count. Another requester's ticket answers exactly as a missing one.
 */
@TestPropertySource(properties = "docket.read.max-wait=300ms")
class RequesterIsolationIT extends QueryServiceTestBase {

    private final UserId ana = new UserId(UUID.randomUUID());
    private final UserId bo = new UserId(UUID.randomUUID());
    private final TicketId anaFirst = new TicketId(UUID.randomUUID());
    private final TicketId anaSecond = new TicketId(UUID.randomUUID());
    private final TicketId bosTicket = new TicketId(UUID.randomUUID());
    private String asAna;
    private long position;

    @BeforeEach
    void twoRequestersWithTicketsAndInternalNotes() throws Exception {
        asAna = TestIdentity.bearer(ana.toString(), "requester");
        Instant t = Instant.parse("2026-11-20T09:00:00Z");
        open(anaFirst, ana, "Printer jams on tray two", t);
        open(anaSecond, ana, "Printer offline", t.plusSeconds(1));
        open(bosTicket, bo, "Printer makes noises", t.plusSeconds(2));
        comment(anaFirst, 2, CommentVisibility.PUBLIC, "Public reply about zebra", t.plusSeconds(3));
        comment(anaFirst, 3, CommentVisibility.INTERNAL, "Internal note walrus: VIP customer", t.plusSeconds(4));
        comment(bosTicket, 2, CommentVisibility.INTERNAL, "Internal note walrus about Bo", t.plusSeconds(5));
        events.send(new TicketStatusChanged(anaSecond, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, null), 2,
                ++position, t.plusSeconds(6));
        awaitVersion(anaFirst, 3);
        awaitVersion(anaSecond, 2);
        awaitVersion(bosTicket, 2);
    }

    @Test
    void searchCoversOnlyTheRequestersOwnTicketsWhateverTheFilterSays() throws Exception {
        assertThat(searchIds(asAna, "")).containsExactlyInAnyOrder(anaFirst.toString(), anaSecond.toString());
        assertThat(searchIds(asAna, "q=printer")).containsExactlyInAnyOrder(anaFirst.toString(), anaSecond.toString());
        assertThat(searchIds(asAna, "requester=" + bo)).isEmpty();
        assertThat(searchIds(asAna, "filter=" + encode("requester = " + bo + " OR status = open"))).containsExactly(
                anaFirst.toString());
        assertThat(searchIds(asAna, "q=walrus")).isEmpty();
        assertThat(searchIds(TestIdentity.admin(), "q=printer")).contains(anaFirst.toString(), bosTicket.toString());
    }

    @Test
    void theViewHidesInternalNotesAndOtherRequestersTickets() throws Exception {
        HttpResponse<String> own = getAs(asAna, "/api/tickets/" + anaFirst);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("zebra").doesNotContain("walrus").doesNotContain("internalNotes");
        assertThat(json.readTree(own.body()).get("comments")).hasSize(1);

        HttpResponse<String> other = getAs(asAna, "/api/tickets/" + bosTicket);
        HttpResponse<String> missing = getAs(asAna, "/api/tickets/" + UUID.randomUUID());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json.readTree(other.body()).get("code").asString())
                .isEqualTo(json.readTree(missing.body()).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");

        JsonNode agentView = json.readTree(getAs(TestIdentity.bearer("agent-1", "agent"), "/api/tickets/" + anaFirst).body());
        assertThat(agentView.get("comments")).hasSize(2);
        assertThat(agentView.get("counts").get("internalNotes").asInt()).isEqualTo(1);
    }

    @Test
    void historyHidesInternalNotesAndOtherRequestersTickets() throws Exception {
        HttpResponse<String> own = getAs(asAna, "/api/tickets/" + anaFirst + "/history");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("zebra").doesNotContain("walrus");
        assertThat(json.readTree(own.body()).get("items")).hasSize(2);
        assertThat(getAs(asAna, "/api/tickets/" + bosTicket + "/history").statusCode()).isEqualTo(404);

        String auditorView = getAs(TestIdentity.bearer("auditor-1", "auditor"), "/api/tickets/" + bosTicket + "/history").body();
        assertThat(auditorView).contains("walrus");
        assertThat(getAs(asAna, "/api/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void everyCountCountsOnlyTheRequestersTickets() throws Exception {
        JsonNode status = json.readTree(getAs(asAna, "/api/stats/status-counts").body());
        assertThat(status.get("total").asLong()).isEqualTo(2);
        assertThat(status.get("byStatus").get("open").asLong()).isEqualTo(1);
        assertThat(status.get("byStatus").get("in_progress").asLong()).isEqualTo(1);
        assertThat(json.readTree(getAs(TestIdentity.admin(), "/api/stats/status-counts").body()).get("total").asLong())
                .isGreaterThanOrEqualTo(3);

        JsonNode priority = json.readTree(getAs(asAna, "/api/stats/priority-counts").body());
        assertThat(priority.get("byPriority").get("normal").asLong()).isEqualTo(2);
        JsonNode assignees = json.readTree(getAs(asAna, "/api/stats/assignee-counts").body()).get("assignees");
        assertThat(assignees).hasSize(1);
        assertThat(assignees.get(0).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void waitingForAnotherRequestersTicketRevealsNothingAWaitForAMissingOneWouldNot() throws Exception {
        HttpResponse<String> other = getAs(asAna, "/api/tickets?consistentWith=" + bosTicket + ":1");
        HttpResponse<String> missing = getAs(asAna, "/api/tickets?consistentWith=" + UUID.randomUUID() + ":1");
        for (HttpResponse<String> response : List.of(other, missing)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(json.readTree(response.body()).get("currentVersion").asLong()).isZero();
        }
        HttpResponse<String> viewOther = getAs(asAna, "/api/tickets/" + bosTicket + "?minVersion=1");
        assertThat(viewOther.statusCode()).isEqualTo(503);
        assertThat(getAs(asAna, "/api/tickets?consistentWith=" + anaFirst + ":3").statusCode()).isEqualTo(200);
        assertThat(getAs(TestIdentity.admin(), "/api/tickets?consistentWith=" + bosTicket + ":2").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRequesterWhoIsNotAPersonSeesNothing() throws Exception {
        String stranger = TestIdentity.bearer("not-a-person", "requester");
        assertThat(searchIds(stranger, "q=printer")).isEmpty();
        assertThat(json.readTree(getAs(stranger, "/api/stats/status-counts").body()).get("total").asLong()).isZero();
        assertThat(getAs(stranger, "/api/tickets/" + anaFirst).statusCode()).isEqualTo(404);
    }

    private List<String> searchIds(String authorization, String query) throws Exception {
        HttpResponse<String> response = getAs(authorization, "/api/tickets?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ids(json.readTree(response.body()).get("items"));
    }

    private void open(TicketId ticket, UserId requester, String title, Instant time) throws Exception {
        events.send(new TicketOpened(ticket, "ISO-" + ticket.toString().substring(0, 6), title, "", Priority.NORMAL,
                requester, List.of()), 1, ++position, time);
    }

    private void comment(TicketId ticket, long version, CommentVisibility visibility, String body, Instant time)
            throws Exception {
        events.send(new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), "agent-1", visibility, body),
                version, ++position, time);
    }
}
