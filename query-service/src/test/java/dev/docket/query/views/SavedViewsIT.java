package dev.docket.query.views;

import dev.docket.events.Role;
import dev.docket.events.UserErased;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Saved views: each person's own, checked as a search checks them, limited in number, gone with an erasure. */
class SavedViewsIT extends QueryServiceTestBase {

    private final String ana = UUID.randomUUID().toString();
    private final String asAna = TestIdentity.bearer(ana, "agent");

    @Test
    void aPersonSavesRenamesAndRemovesViewsThatOnlyTheySee() throws Exception {
        HttpResponse<String> saved = sendAs(asAna, "POST", "/api/views", """
                {"name":"  Urgent printers ","filter":"priority = urgent AND title contains printer","sort":"-updated"}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        JsonNode view = json.readTree(saved.body());
        String id = view.get("id").asString();
        assertThat(saved.headers().firstValue("Location")).contains("/api/views/" + id);
        assertThat(view.get("name").asString()).isEqualTo("Urgent printers");
        assertThat(view.get("sort").asString()).isEqualTo("-updated");
        okAs(asAna, "POST", "/api/views", """
                {"name":"all mine","filter":"assignee = %s"}""".formatted(ana));

        JsonNode list = json.readTree(getAs(asAna, "/api/views").body()).get("items");
        assertThat(list).extracting(v -> v.get("name").asString()).containsExactly("all mine", "Urgent printers");
        assertThat(list.get(0).get("sort").isNull()).isTrue();

        JsonNode renamed = json.readTree(okAs(asAna, "PUT", "/api/views/" + id, """
                {"name":"Printers","filter":"title contains printer","sort":"title"}"""));
        assertThat(renamed.get("name").asString()).isEqualTo("Printers");
        assertThat(renamed.get("filter").asString()).isEqualTo("title contains printer");
        assertThat(Instant.parse(renamed.get("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(renamed.get("createdAt").asString()));
        assertThat(json.readTree(getAs(asAna, "/api/views/" + id).body()).get("sort").asString()).isEqualTo("title");

        // someone else: none of Ana's views, and hers answer as missing
        String asBo = TestIdentity.bearer(UUID.randomUUID().toString(), "requester");
        assertThat(json.readTree(getAs(asBo, "/api/views").body()).get("items")).isEmpty();
        problem(getAs(asBo, "/api/views/" + id), 404, "VIEW_NOT_FOUND");
        problem(sendAs(asBo, "PUT", "/api/views/" + id, """
                {"name":"mine now","filter":"status = open"}"""), 404, "VIEW_NOT_FOUND");
        problem(sendAs(asBo, "DELETE", "/api/views/" + id, null), 404, "VIEW_NOT_FOUND");
        assertThat(json.readTree(getAs(asAna, "/api/views/" + id).body()).get("name").asString())
                .isEqualTo("Printers");

        assertThat(sendAs(asAna, "DELETE", "/api/views/" + id, null).statusCode()).isEqualTo(204);
        problem(getAs(asAna, "/api/views/" + id), 404, "VIEW_NOT_FOUND");
        problem(sendAs(asAna, "DELETE", "/api/views/" + id, null), 404, "VIEW_NOT_FOUND");
    }

    @Test
    void aViewIsCheckedAsASearchChecksItsFilterAndOrder() throws Exception {
        JsonNode filter = problem(sendAs(asAna, "POST", "/api/views", """
                {"name":"broken","filter":"status in (open"}"""), 400, "INVALID_FILTER");
        assertThat(filter.get("position").asInt()).isEqualTo(16);
        field(sendAs(asAna, "POST", "/api/views", """
                {"name":"by colour","filter":"status = open","sort":"colour"}"""), "sort");
        field(sendAs(asAna, "POST", "/api/views", """
                {"name":"ranked","filter":"status = open","sort":"relevance"}"""), "sort");
        field(sendAs(asAna, "POST", "/api/views", """
                {"name":"   ","filter":"status = open"}"""), "name");
        field(sendAs(asAna, "POST", "/api/views", """
                {"name":"%s","filter":"status = open"}""".formatted("n".repeat(101))), "name");
        field(sendAs(asAna, "POST", "/api/views", """
                {"name":"a\\u0000b","filter":"status = open"}"""), "name");
        field(sendAs(asAna, "POST", "/api/views", """
                {"name":"long","filter":"%s"}""".formatted("status = open OR ".repeat(120) + "status = open")),
                "filter");
        problem(sendAs(asAna, "POST", "/api/views", "{\"name\":"), 400, "MALFORMED_REQUEST");
        field(getAs(asAna, "/api/views/not-a-view"), "id");
        assertThat(json.readTree(getAs(asAna, "/api/views").body()).get("items")).isEmpty();
        // no expression: every ticket the person may see
        JsonNode everything = json.readTree(okAs(asAna, "POST", "/api/views", """
                {"name":"everything","sort":"title"}"""));
        assertThat(everything.get("filter").asString()).isEmpty();
    }

    @Test
    void namesAreOnePersonsOwnAndAPersonKeepsFiftyAtMost() throws Exception {
        okAs(asAna, "POST", "/api/views", """
                {"name":"open","filter":"status = open"}""");
        problem(sendAs(asAna, "POST", "/api/views", """
                {"name":"open","filter":"status = in_progress"}"""), 409, "VIEW_NAME_TAKEN");
        // the same name is anyone else's to use
        okAs(TestIdentity.bearer(UUID.randomUUID().toString(), "agent"), "POST", "/api/views", """
                {"name":"open","filter":"status = open"}""");
        String other = json.readTree(okAs(asAna, "POST", "/api/views", """
                {"name":"other","filter":"status = closed"}""")).get("id").asString();
        problem(sendAs(asAna, "PUT", "/api/views/" + other, """
                {"name":"open","filter":"status = closed"}"""), 409, "VIEW_NAME_TAKEN");

        for (int i = 3; i <= SavedViews.MAX_PER_PERSON; i++) {
            okAs(asAna, "POST", "/api/views", """
                    {"name":"view %d","filter":"tag = t%d"}""".formatted(i, i));
        }
        JsonNode tooMany = problem(sendAs(asAna, "POST", "/api/views", """
                {"name":"one more","filter":"status = open"}"""), 409, "TOO_MANY_VIEWS");
        assertThat(tooMany.get("limit").asInt()).isEqualTo(SavedViews.MAX_PER_PERSON);
        assertThat(json.readTree(getAs(asAna, "/api/views").body()).get("items")).hasSize(SavedViews.MAX_PER_PERSON);
    }

    @Test
    void anErasedPersonsViewsAreRemovedWithTheirOtherTexts() throws Exception {
        okAs(asAna, "POST", "/api/views", """
                {"name":"Ana's private words","filter":"title contains quokka"}""");
        String bo = UUID.randomUUID().toString();
        okAs(TestIdentity.bearer(bo, "agent"), "POST", "/api/views", """
                {"name":"Bo's","filter":"status = open"}""");

        UserId person = new UserId(UUID.fromString(ana));
        events.send(new UserRegistered(person, ana + "@example.com", "Ana", Role.AGENT), 1, 1, Instant.now());
        events.send(new UserErased(person, UUID.randomUUID(), "Art. 17", ""), 2, 2, Instant.now());
        await().until(() -> queryLong("SELECT count(*) FROM saved_view WHERE owner = '" + ana + "'") == 0);
        assertThat(queryLong("SELECT count(*) FROM saved_view WHERE owner = '" + bo + "'")).isOne();
    }

    private String okAs(String authorization, String method, String path, String body) throws Exception {
        HttpResponse<String> response = sendAs(authorization, method, path, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 201);
        return response.body();
    }

    private JsonNode problem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    private void field(HttpResponse<String> response, String field) throws Exception {
        JsonNode problem = problem(response, 400, "VALIDATION_FAILED");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString()).contains(field);
    }
}
