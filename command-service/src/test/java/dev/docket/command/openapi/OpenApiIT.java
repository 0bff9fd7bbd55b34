package dev.docket.command.openapi;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.AuthorizationMatrix;
import dev.docket.testing.OpenApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command service's OpenAPI document describes every endpoint, and every answer the service gives, on the
 * happy path and off it, is one the document declares.
 */
class OpenApiIT extends CommandServiceTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final List<OpenApiDocument.Answer> answers = new ArrayList<>();

    @Test
    void theDocumentIsValidForAStandardParserWithEveryReferenceResolved() throws Exception {
        assertThat(OpenApiDocument.of(port).parserMessages()).isEmpty();
    }

    @Test
    void describesEveryEndpointWithItsSecurityAndProblemAnswers() throws Exception {
        OpenApiDocument document = OpenApiDocument.of(port);

        assertThat(document.json().get("openapi").asString()).startsWith("3.1");
        assertThat(document.undescribed(AuthorizationMatrix.apiEndpoints(mappings))).isEmpty();
        assertThat(document.json().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(document.json().at("/paths/~1api~1tickets/post/responses/422/content/application~1problem+json/examples")
                .has("UNKNOWN_USER")).isTrue();
        assertThat(document.json().at("/paths/~1api~1tickets/post/responses/201/content").isMissingNode()).isFalse();
    }

    @Test
    void everyAnswerIsOneTheDocumentDeclares() throws Exception {
        String requester = registerUser("requester");
        String ticket = json(record("POST", "/api/tickets", "/api/tickets",
                "{\"title\":\"Described\",\"requesterId\":\"" + requester + "\"}")).get("id").asString();
        String path = "/api/tickets/" + ticket;
        record("PATCH", path + "/details", "/api/tickets/{id}/details", "{\"title\":\"Described well\"}");
        record("PUT", path + "/priority", "/api/tickets/{id}/priority", "{\"priority\":\"high\"}");
        record("PUT", path + "/priority", "/api/tickets/{id}/priority", "{\"priority\":\"high\"}");
        record("PUT", path + "/assignee", "/api/tickets/{id}/assignee", "{\"assigneeId\":\"" + requester + "\"}");
        record("PUT", path + "/assignee", "/api/tickets/{id}/assignee",
                "{\"assigneeId\":\"" + registerUser("agent") + "\"}");
        record("DELETE", path + "/assignee", "/api/tickets/{id}/assignee", null);
        record("PUT", path + "/requester", "/api/tickets/{id}/requester",
                "{\"requesterId\":\"" + registerUser("requester") + "\"}");
        record("PUT", path + "/status", "/api/tickets/{id}/status", "{\"status\":\"closed\"}");
        record("PUT", path + "/status", "/api/tickets/{id}/status", "{\"status\":\"in_progress\"}");
        record("POST", path + "/comments", "/api/tickets/{id}/comments", "{\"body\":\"Hello\"}");
        record("POST", path + "/comments", "/api/tickets/{id}/comments", "{\"body\":\"Hello\",\"extra\":1}");
        record("PATCH", path + "/tags", "/api/tickets/{id}/tags", "{\"add\":[\"documented\"]}");
        String attachment = upload(ticket);
        HttpResponse<byte[]> download = http.send(authorized(uri(path + "/attachments/" + attachment)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        answers.add(new OpenApiDocument.Answer("GET", "/api/tickets/{id}/attachments/{attachmentId}",
                download.statusCode(), download.headers().firstValue("Content-Type").orElse(null)));
        record("POST", path + "/archive", "/api/tickets/{id}/archive", "{\"reason\":\"done\"}");
        record("PUT", path + "/priority", "/api/tickets/{id}/priority", "{\"priority\":\"low\"}");
        record("POST", path + "/restore", "/api/tickets/{id}/restore", null);
        record("POST", path + "/restore", "/api/tickets/{id}/restore", null);
        record("PUT", path + "/priority", "/api/tickets/{id}/priority", "{\"priority\":\"low\"}", "If-Match", "\"1\"");
        record("PUT", "/api/tickets/" + UUID.randomUUID() + "/priority", "/api/tickets/{id}/priority",
                "{\"priority\":\"low\"}");
        record("POST", "/api/tickets", "/api/tickets", "{not json");
        record("POST", "/api/tickets", "/api/tickets", "x".repeat(300_000));
        String user = json(record("POST", "/api/users", "/api/users",
                "{\"email\":\"doc-" + UUID.randomUUID() + "@example.com\",\"displayName\":\"Doc\",\"role\":\"agent\"}"))
                .get("id").asString();
        record("PUT", "/api/users/" + user + "/display-name", "/api/users/{id}/display-name", "{\"displayName\":\"D\"}");
        record("POST", "/api/users/" + user + "/deactivate", "/api/users/{id}/deactivate", null);
        record("POST", "/api/users/" + user + "/deactivate", "/api/users/{id}/deactivate", null);
        HttpResponse<String> verify = send("GET", "/api/audit/verify", null, as("auditor-1", "auditor"));
        answers.add(new OpenApiDocument.Answer("GET", "/api/audit/verify", verify.statusCode(),
                verify.headers().firstValue("Content-Type").orElse(null)));
        answers.addAll(AuthorizationMatrix.answers("command", port));

        assertThat(answers.stream().map(OpenApiDocument.Answer::status).distinct().sorted().toList())
                .as("the answers cover successes and refusals").contains(200, 201, 400, 401, 403, 404, 409, 412, 413, 422);
        assertThat(OpenApiDocument.of(port).undeclared(answers)).isEmpty();
    }

    private HttpResponse<String> record(String method, String path, String template, String body, String... headers)
            throws Exception {
        HttpResponse<String> response = send(method, path, body, headers);
        answers.add(new OpenApiDocument.Answer(method, template, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null)));
        return response;
    }

    private String upload(String ticket) throws Exception {
        String boundary = "docket-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(authorized(uri("/api/tickets/" + ticket + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(new OpenApiDocument.Answer("POST", "/api/tickets/{id}/attachments", response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null)));
        return json(response).get("attachmentId").asString();
    }
}
