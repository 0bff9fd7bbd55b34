package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ticket change over HTTP: what it stores, what it answers, and each kind of refusal. */
class TicketChangesApiIT extends CommandServiceTestBase {

    private String ticket;
    private String agent;

    @BeforeEach
    void openTicketAndRegisterAgent() throws Exception {
        ticket = openTicket("Printer on fire");
        agent = registerUser("agent");
    }

    @Test
    void aTicketGoesThroughItsWholeLifeAndEveryChangeIsAnEventWithItsActor() throws Exception {
        String otherRequester = registerUser("requester");
        String path = "/api/tickets/" + ticket;
        expectVersion(send("PATCH", path + "/details", "{\"title\":\"Printer smoking\"}"), 2);
        expectVersion(send("PUT", path + "/priority", "{\"priority\":\"urgent\"}"), 3);
        expectVersion(send("PUT", path + "/assignee", "{\"assigneeId\":\"" + agent + "\"}", "Authorization", TestIdentity.bearer("lead", "agent")), 4);
        expectVersion(send("PUT", path + "/status", "{\"status\":\"in_progress\"}", "Authorization", TestIdentity.bearer(agent, "agent")), 5);
        HttpResponse<String> comment = send("POST", path + "/comments",
                "{\"body\":\"Unplug it\",\"visibility\":\"public\"}", "Authorization", TestIdentity.bearer(agent, "agent"));
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        assertThat(json(comment).get("commentId").asString()).hasSize(36);
        expectVersion(comment, 6);
        expectVersion(send("POST", path + "/comments", "{\"body\":\"VIP\",\"visibility\":\"internal\"}"), 7);
        expectVersion(send("PATCH", path + "/tags", "{\"add\":[\"Hardware\",\"fire\"],\"remove\":[]}"), 8);
        expectVersion(send("PUT", path + "/requester", "{\"requesterId\":\"" + otherRequester
                + "\",\"reason\":\"Team change\"}"), 9);
        expectVersion(send("PUT", path + "/status", "{\"status\":\"resolved\",\"reason\":\"Replaced\"}"), 10);
        expectVersion(send("DELETE", path + "/assignee", null), 11);
        expectVersion(send("PUT", path + "/status", "{\"status\":\"closed\"}"), 12);
        expectVersion(send("POST", path + "/archive", "{\"reason\":\"Old\"}"), 13);
        expectVersion(send("POST", path + "/restore", null), 14);

        List<String[]> events = eventsOf(ticket);
        assertThat(events).extracting(e -> e[0]).containsExactly("TicketOpened", "TicketEdited",
                "TicketPriorityChanged", "TicketAssigned", "TicketStatusChanged", "TicketCommentAdded",
                "TicketCommentAdded", "TicketTagsChanged", "TicketOwnershipTransferred", "TicketStatusChanged",
                "TicketUnassigned", "TicketStatusChanged", "TicketArchived", "TicketRestored");
        assertThat(JSON.readTree(events.get(3)[2]).get("actor").asString()).isEqualTo("lead");
        JsonNode commented = JSON.readTree(events.get(5)[1]);
        assertThat(commented.get("author").asString()).isEqualTo(agent);
        assertThat(commented.get("visibility").asString()).isEqualTo("public");
        assertThat(JSON.readTree(events.get(7)[1]).get("added").toString()).isEqualTo("[\"hardware\",\"fire\"]");
        assertThat(JSON.readTree(events.get(9)[1]).get("from").asString()).isEqualTo("in_progress");
    }

    @Test
    void aChangeThatChangesNothingAnswers200WithTheSameVersionAndStoresNoEvent() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"normal\"}");
        expectVersion(response, 1);
        assertThat(eventsOf(ticket)).hasSize(1);
    }

    @Test
    void anIllegalStatusMoveAnswers409NamingCurrentAndRequestedStatus() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/tickets/" + ticket + "/status", "{\"status\":\"closed\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo("INVALID_TRANSITION");
        assertThat(problem.get("currentStatus").asString()).isEqualTo("open");
        assertThat(problem.get("requestedStatus").asString()).isEqualTo("closed");
        assertThat(problem.get("allowedStatuses").toString()).isEqualTo("[\"in_progress\",\"waiting_on_customer\",\"resolved\"]");
        assertThat(eventsOf(ticket)).hasSize(1);
    }

    @Test
    void anArchivedTicketAnswers409ToChangesAndRestoresWith200() throws Exception {
        expectVersion(send("POST", "/api/tickets/" + ticket + "/archive", "{\"reason\":\"Spam\"}"), 2);
        HttpResponse<String> refused = send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"hello\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("code").asString()).isEqualTo("TICKET_ARCHIVED");
        expectVersion(send("POST", "/api/tickets/" + ticket + "/restore", "{\"reason\":\"Not spam\"}"), 3);
        HttpResponse<String> notArchived = send("POST", "/api/tickets/" + ticket + "/restore", null);
        assertThat(json(notArchived).get("code").asString()).isEqualTo("TICKET_NOT_ARCHIVED");
    }

    @Test
    void aStaleIfMatchAnswers412WithTheCurrentVersionAndChangesNothing() throws Exception {
        expectVersion(send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}", "If-Match", "\"1\""), 2);

        HttpResponse<String> stale = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"low\"}",
                "If-Match", "\"1\"");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("ETag")).contains("\"2\"");
        JsonNode problem = json(stale);
        assertThat(problem.get("code").asString()).isEqualTo("VERSION_MISMATCH");
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(2);
        assertThat(eventsOf(ticket)).hasSize(2);
        expectVersion(send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"low\"}", "If-Match", "\"2\""), 3);
    }

    @Test
    void aMalformedIfMatchAnswers400() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"low\"}",
                "If-Match", "W/\"1\"");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsString("field")).containsExactly("If-Match");
    }

    static Stream<Arguments> changesOfAMissingTicket() {
        return Stream.of(
                Arguments.of("PATCH", "/details", "{\"title\":\"x\"}"),
                Arguments.of("PUT", "/priority", "{\"priority\":\"low\"}"),
                Arguments.of("DELETE", "/assignee", null),
                Arguments.of("PUT", "/status", "{\"status\":\"in_progress\"}"),
                Arguments.of("POST", "/comments", "{\"body\":\"x\"}"),
                Arguments.of("PATCH", "/tags", "{\"add\":[\"x\"]}"),
                Arguments.of("POST", "/archive", "{\"reason\":\"x\"}"),
                Arguments.of("POST", "/restore", null));
    }

    @ParameterizedTest(name = "{0} {1} on a missing ticket answers 404")
    @MethodSource("changesOfAMissingTicket")
    void changesOfAMissingTicketAnswer404(String method, String suffix, String body) throws Exception {
        HttpResponse<String> response = send(method, "/api/tickets/" + UUID.randomUUID() + suffix, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(json(response).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");
    }

    @Test
    void aUsersIdIsNotATicket() throws Exception {
        long before = eventCount();
        HttpResponse<String> response = send("PUT", "/api/tickets/" + agent + "/priority", "{\"priority\":\"low\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");
        assertThat(eventCount()).isEqualTo(before);
    }

    static Stream<Arguments> invalidChanges() {
        return Stream.of(
                Arguments.of("PATCH", "/details", "{}", "title"),
                Arguments.of("PATCH", "/details", "{\"title\":\"\"}", "title"),
                Arguments.of("PUT", "/priority", "{\"priority\":\"critical\"}", "priority"),
                Arguments.of("PUT", "/priority", "{}", "priority"),
                Arguments.of("PUT", "/assignee", "{\"assigneeId\":\"nobody\"}", "assigneeId"),
                Arguments.of("PUT", "/requester", "{\"requesterId\":\"" + UUID.randomUUID() + "\"}", "reason"),
                Arguments.of("PUT", "/status", "{\"status\":\"done\"}", "status"),
                Arguments.of("POST", "/comments", "{\"body\":\"\"}", "body"),
                Arguments.of("POST", "/comments", "{\"body\":\"x\",\"visibility\":\"secret\"}", "visibility"),
                Arguments.of("PATCH", "/tags", "{\"add\":[\"a b c d e f g h i j k l m n o p q r s t u v w x y z 0123456789\"]}", "add[0]"),
                Arguments.of("PATCH", "/tags", "{\"add\":[],\"remove\":[]}", "add"),
                Arguments.of("POST", "/archive", "{}", "reason"),
                Arguments.of("POST", "/archive", "{\"reason\":\"x\",\"extra\":1}", "extra"));
    }

    @ParameterizedTest(name = "{0} {1} {2} answers 400 naming {3}")
    @MethodSource("invalidChanges")
    void invalidChangesAnswer400NamingTheFieldAndChangeNothing(String method, String suffix, String body,
                                                               String field) throws Exception {
        HttpResponse<String> response = send(method, "/api/tickets/" + ticket + suffix, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(json(response).get("errors").findValuesAsString("field")).contains(field);
        assertThat(eventsOf(ticket)).hasSize(1);
    }

    @Test
    void assigningARequesterOrAnUnknownPersonAnswers422() throws Exception {
        String requester = registerUser("requester");
        HttpResponse<String> notAnAgent = send("PUT", "/api/tickets/" + ticket + "/assignee",
                "{\"assigneeId\":\"" + requester + "\"}");
        assertThat(notAnAgent.statusCode()).isEqualTo(422);
        assertThat(json(notAnAgent).get("code").asString()).isEqualTo("NOT_AN_AGENT");
        HttpResponse<String> unknown = send("PUT", "/api/tickets/" + ticket + "/assignee",
                "{\"assigneeId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json(unknown).get("code").asString()).isEqualTo("UNKNOWN_USER");
    }

    @Test
    void aDeactivatedAgentCannotBeAssigned() throws Exception {
        assertThat(send("POST", "/api/users/" + agent + "/deactivate", "{\"reason\":\"Left\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> response = send("PUT", "/api/tickets/" + ticket + "/assignee", "{\"assigneeId\":\"" + agent + "\"}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("code").asString()).isEqualTo("USER_INACTIVE");
    }

    private static void expectVersion(HttpResponse<String> response, long version) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        assertThat(json(response).get("version").asLong()).isEqualTo(version);
        assertThat(response.headers().firstValue("ETag")).contains("\"" + version + "\"");
    }

    @Test
    void aRequesterRepliesPubliclyOnTheirOwnTicketsOnly() throws Exception {
        String ana = registerUser("requester");
        String anasTicket = json(postJson("/api/tickets", "{\"title\":\"Ana's\",\"requesterId\":\"" + ana + "\"}"))
                .get("id").asString();
        String othersTicket = openTicket("Someone else's");
        String[] asAna = as(ana, "requester");

        assertThat(send("POST", "/api/tickets/" + anasTicket + "/comments", "{\"body\":\"Thanks\"}", asAna)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> internal = send("POST", "/api/tickets/" + anasTicket + "/comments",
                "{\"body\":\"psst\",\"visibility\":\"internal\"}", asAna);
        assertThat(internal.statusCode()).isEqualTo(403);
        assertThat(json(internal).get("code").asString()).isEqualTo("FORBIDDEN");
        HttpResponse<String> foreign = send("POST", "/api/tickets/" + othersTicket + "/comments",
                "{\"body\":\"Me too\"}", asAna);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");
        HttpResponse<String> foreignInternal = send("POST", "/api/tickets/" + othersTicket + "/comments",
                "{\"body\":\"psst\",\"visibility\":\"internal\"}", asAna);
        assertThat(foreignInternal.statusCode()).isEqualTo(403); // whichever ticket: says nothing about it
        assertThat(json(foreignInternal).get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(send("PUT", "/api/tickets/" + anasTicket + "/status", "{\"status\":\"resolved\"}", asAna)
                .statusCode()).isEqualTo(403);
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + anasTicket
                + "'")).isEqualTo(2);
    }
}
