package dev.docket.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service levels across both packaged services: a what-if run of proposed policies (checked by the command service,
 * computed by the query service, nothing changed), and the consistency check comparing the milestones the sweeper
 * recorded with those the read side's clocks reach.
 */
class ServiceLevelsIT extends AgainstRunningPlatform {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TARGETS = "\"targets\":[{\"priority\":\"normal\",\"metric\":\"first_response\","
            + "\"minutes\":60,\"basis\":\"calendar\"}]";

    @Test
    void aWhatIfRunComputesTheTicketsUnderProposedPoliciesAndChangesNothing() throws Exception {
        String book = setPolicies("{\"id\":\"public-only\",\"name\":\"Public replies\",\"conditions\":{\"tags\":[\"what-if\"]},"
                + TARGETS + "}");
        String requester = register("Wes");
        Instant from = Instant.now().minusSeconds(1);
        String ticket = json(command("POST", "/api/tickets", "{\"title\":\"What if\",\"requesterId\":\"" + requester
                + "\",\"tags\":[\"what-if\"]}")).get("id").asString();
        long version = json(command("POST", "/api/tickets/" + ticket + "/comments",
                "{\"body\":\"Looking\",\"visibility\":\"internal\"}")).get("version").asLong();
        String period = "\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(60) + "\"";
        long policyVersion = policyBookVersion();
        // the read side holds the ticket and the policies (their events travel in different partitions)
        assertThat(query("GET", "/api/tickets?limit=1&consistentWith=" + ticket + ":" + version + "&consistentWith="
                + book, null).statusCode()).isEqualTo(200);

        // an internal note answers nothing under the real policy; the proposal lets it respond
        JsonNode run = json(query("POST", "/api/sla/what-if", "{\"policies\":[{\"id\":\"notes-count\","
                + "\"name\":\"Notes count\",\"conditions\":{\"tags\":[\"WHAT-IF\"]},\"internalNotesRespond\":true,"
                + TARGETS + "}]," + period + "}"));
        assertThat(run.get("tickets").asInt()).isEqualTo(1);
        JsonNode current = run.get("current").get(0);
        assertThat(current.get("policy").asString()).isEqualTo("public-only");
        assertThat(current.get("met").asLong()).isZero();
        JsonNode proposed = run.get("proposed").get(0);
        assertThat(proposed.get("policy").asString()).isEqualTo("notes-count");
        assertThat(proposed.get("met").asLong()).isEqualTo(1);
        assertThat(proposed.get("attainmentPercent").asDouble()).isEqualTo(100.0);
        assertThat(policyBookVersion()).isEqualTo(policyVersion);

        // the command service's rules refuse what setting the policies would refuse, and their answer is relayed
        HttpResponse<String> bad = query("POST", "/api/sla/what-if", "{\"policies\":[{\"id\":\"bad\",\"name\":\"Bad\","
                + "\"targets\":[{\"priority\":\"normal\",\"metric\":\"first_response\",\"minutes\":0,"
                + "\"basis\":\"calendar\"}]}]," + period + "}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("VALIDATION_FAILED", "policies[0].targets[0].minutes");
        HttpResponse<String> unknown = query("POST", "/api/sla/what-if", "{\"policies\":[{\"id\":\"cal\","
                + "\"name\":\"Cal\",\"calendar\":\"" + UUID.randomUUID() + "\"," + TARGETS + "}]," + period + "}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.body()).contains("UNKNOWN_CALENDAR", "policies[0].calendar");
        HttpResponse<String> missing = query("POST", "/api/sla/what-if", "{\"policies\":[]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"from\"", "\"to\"");
        HttpResponse<String> tooLong = query("POST", "/api/sla/what-if", "{\"policies\":[],\"from\":\"2026-01-01\","
                + "\"to\":\"2026-06-01\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("92 days");
        assertThat(query("POST", "/api/sla/what-if", "[1]").statusCode()).isEqualTo(400);
    }

    @Test
    void theConsistencyCheckComparesTheMilestonesRecordedWithThoseTheReadSideComputes() throws Exception {
        setPolicies("{\"id\":\"checked\",\"name\":\"Checked\",\"conditions\":{\"tags\":[\"sla-check\"]}," + TARGETS
                + "}");
        String ticket = json(command("POST", "/api/tickets", "{\"title\":\"On the clock\",\"requesterId\":\""
                + register("Sid") + "\",\"tags\":[\"sla-check\"]}")).get("id").asString();
        command("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"On it\"}");
        // the sweeper records the first response's fulfilment; the read side has it once the history shows it
        await().atMost(Duration.ofSeconds(60)).until(() -> query("GET", "/api/tickets/" + ticket + "/history", null)
                .body().contains("dev.docket.ticket.sla-fulfilled.v1"));

        assertThat(slaDivergences(ticket)).isEmpty();

        try (Connection c = platform.queryDb.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE rm_1.ticket_sla_clock SET stopped_at = stopped_at - interval '1 minute' "
                    + "WHERE ticket_id = '" + ticket + "' AND metric = 'first_response'");
        }
        List<JsonNode> diverged = slaDivergences(ticket);
        assertThat(diverged).hasSize(1);
        assertThat(diverged.getFirst().get("eventStore").asString()).startsWith("first_response/1/fulfilment@");
        assertThat(diverged.getFirst().get("readModel").asString()).startsWith("first_response/1/fulfilment@")
                .isNotEqualTo(diverged.getFirst().get("eventStore").asString());
    }

    /** The check's divergences of {@code ticket}'s service-level milestones, comparing up to now. */
    private List<JsonNode> slaDivergences(String ticket) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        json(query("POST", "/api/admin/consistency-check?slaGrace=PT0S", null)).get("items").forEach(item -> {
            if (item.get("ticketId").asString().equals(ticket) && item.get("field").asString().equals("slaMilestones")) {
                found.add(item);
            }
        });
        return found;
    }

    /** Sets the policy book to the one policy; returns its id and new version as consistentWith takes them. */
    private String setPolicies(String policy) throws Exception {
        JsonNode changed = json(command("PUT", "/api/sla/policies", "{\"policies\":[" + policy + "]}"));
        return changed.get("id").asString() + ":" + changed.get("version").asLong();
    }

    /** How many policy-book changes the event store holds. */
    private long policyBookVersion() throws Exception {
        try (Connection c = platform.commandDb.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry "
                     + "WHERE payload_type = 'dev.docket.events.SlaPoliciesChanged'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String register(String name) throws Exception {
        return json(command("POST", "/api/users", "{\"email\":\"sla-" + UUID.randomUUID() + "@example.com\","
                + "\"displayName\":\"" + name + "\",\"role\":\"requester\"}")).get("id").asString();
    }

    private HttpResponse<String> command(String method, String path, String body) throws Exception {
        return http.send(authorized(URI.create(platform.commandUrl(path))).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> query(String method, String path, String body) throws Exception {
        return http.send(authorized(URI.create(platform.queryUrl(path))).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
