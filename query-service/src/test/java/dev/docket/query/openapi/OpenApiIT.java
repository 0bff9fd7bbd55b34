package dev.docket.query.openapi;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.AuthorizationMatrix;
import dev.docket.testing.OpenApiDocument;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service's OpenAPI document describes every endpoint, and every answer the service gives, on the
 * happy path and off it, is one the document declares.
 */
@TestPropertySource(properties = "docket.read.max-wait=200ms")
class OpenApiIT extends QueryServiceTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final List<OpenApiDocument.Answer> answers = new ArrayList<>();

    @Test
    void theDocumentIsValidForAStandardParserWithEveryReferenceResolved() throws Exception {
        assertThat(OpenApiDocument.of(port).parserMessages()).isEmpty();
    }

    @Test
    void describesEveryEndpointWithItsParametersAndProblemAnswers() throws Exception {
        OpenApiDocument document = OpenApiDocument.of(port);

        assertThat(document.json().get("openapi").asString()).startsWith("3.1");
        assertThat(document.undescribed(AuthorizationMatrix.apiEndpoints(mappings))).isEmpty();
        List<String> searchParameters = new ArrayList<>();
        document.json().at("/paths/~1api~1tickets/get/parameters").forEach(p -> searchParameters.add(p.get("name").asString()));
        assertThat(searchParameters).contains("q", "filter", "status", "priority", "assignee", "requester", "tag",
                "archived", "olderThan", "sort", "cursor", "limit", "consistentWith", "X-Correlation-Id");
        assertThat(document.json().at("/paths/~1api~1tickets/get/responses/503/content/application~1problem+json/examples")
                .has("READ_MODEL_BEHIND")).isTrue();
    }

    @Test
    void everyAnswerIsOneTheDocumentDeclares() throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(ticket, "OA-000001", "Documented printer"), 1, 1, Instant.now());
        awaitVersion(ticket, 1);
        record("/api/tickets?q=printer", "/api/tickets");
        record("/api/tickets?filter=" + encode("status = nonsense"), "/api/tickets");
        record("/api/tickets?consistentWith=" + ticket + ":9", "/api/tickets");
        HttpResponse<String> view = record("/api/tickets/" + ticket, "/api/tickets/{id}");
        HttpResponse<String> unchanged = http.send(authorized(URI.create("http://127.0.0.1:" + port + "/api/tickets/"
                + ticket)).header("If-None-Match", view.headers().firstValue("ETag").orElseThrow()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(new OpenApiDocument.Answer("GET", "/api/tickets/{id}", unchanged.statusCode(), null));
        record("/api/tickets/" + UUID.randomUUID(), "/api/tickets/{id}");
        record("/api/tickets/not-an-id", "/api/tickets/{id}");
        record("/api/tickets/" + ticket + "/history", "/api/tickets/{id}/history");
        record("/api/audit?from=2026-01-01", "/api/audit");
        record("/api/stats/status-counts", "/api/stats/status-counts");
        record("/api/stats/priority-counts", "/api/stats/priority-counts");
        record("/api/stats/assignee-counts", "/api/stats/assignee-counts");
        record("/api/admin/read-models", "/api/admin/read-models");
        record("/api/admin/parked-events", "/api/admin/parked-events");
        recordPost("/api/admin/parked-events/retry", "POST");
        recordPost("/api/admin/read-models/rebuild", "POST");
        recordPost("/api/admin/read-models/rebuild", "POST");
        recordPost("/api/admin/read-models/rebuild", "DELETE");
        answers.addAll(AuthorizationMatrix.answers("query", port));

        assertThat(answers.stream().map(OpenApiDocument.Answer::status).distinct().sorted().toList())
                .as("the answers cover successes and refusals").contains(200, 202, 204, 304, 400, 401, 403, 404, 409, 503);
        assertThat(OpenApiDocument.of(port).undeclared(answers)).isEmpty();
    }

    private HttpResponse<String> record(String path, String template) throws Exception {
        HttpResponse<String> response = getAs(TestIdentity.admin(), path);
        answers.add(new OpenApiDocument.Answer("GET", template, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null)));
        return response;
    }

    private void recordPost(String path, String method) throws Exception {
        HttpResponse<String> response = http.send(authorized(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        answers.add(new OpenApiDocument.Answer(method, path, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null)));
    }
}
