package dev.docket.support.web;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import dev.docket.support.kafka.DocketKafkaAutoConfiguration;
import dev.docket.support.security.LocallySigned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemAnswersTest.TestApp.class,
        properties = "docket.http.max-body-size=1KB")
class ProblemAnswersTest extends LocallySigned {

    @SpringBootApplication(exclude = {DocketKafkaAutoConfiguration.class, DataSourceAutoConfiguration.class})
    @Import(SampleController.class)
    static class TestApp {
    }

    record Sample(@NotBlank @Size(max = 5) String name, Integer count, List<String> tags) {
    }

    @RestController
    static class SampleController {

        @PostMapping("/samples")
        Sample create(@Valid @RequestBody Sample sample) {
            return sample;
        }

        @GetMapping("/samples/{id}")
        String find(@PathVariable UUID id, @RequestParam(defaultValue = "10") int limit) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + id);
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internal detail");
        }

        @GetMapping("/wrapped-refusal")
        String wrappedRefusal() {
            throw new IllegalStateException("framework wrapper",
                    new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket 42"));
        }

        @GetMapping("/database-down")
        String databaseDown() {
            throw new IllegalStateException("framework wrapper",
                    new org.springframework.jdbc.CannotGetJdbcConnectionException("Connection refused"));
        }
    }

    private static final String ADMIN_TOKEN = bearer("tester", "admin");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidRequestPassesAndEchoesTheCallersCorrelationId() throws Exception {
        HttpResponse<String> response = post("/samples", "{\"name\":\"ok\"}", "abc-123");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Correlation-Id")).contains("abc-123");
    }

    @Test
    void aMissingCorrelationIdIsGenerated() throws Exception {
        String first = post("/samples", "{\"name\":\"ok\"}", null).headers().firstValue("X-Correlation-Id").orElseThrow();
        String second = post("/samples", "{\"name\":\"ok\"}", null).headers().firstValue("X-Correlation-Id").orElseThrow();
        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(second).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").isNotEqualTo(first);
    }

    @Test
    void malformedJsonIsAMalformedRequestWithItsPosition() throws Exception {
        JsonNode problem = problem(post("/samples", "{\"name\": ", "c1"), 400, ErrorCode.MALFORMED_REQUEST);
        assertThat(problem.get("detail").asString()).contains("line 1");
        assertThat(problem.get("correlationId").asString()).isEqualTo("c1");
        assertThat(problem.get("instance").asString()).isEqualTo("/samples");
        assertThat(problem.get("type").asString()).isEqualTo("urn:docket:problem:malformed-request");
    }

    @Test
    void aBodyThatIsNotAnObjectIsMalformed() throws Exception {
        problem(post("/samples", "[1,2]", null), 400, ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void anEmptyBodyIsMalformed() throws Exception {
        problem(post("/samples", "", null), 400, ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void beanValidationNamesEachField() throws Exception {
        JsonNode problem = problem(post("/samples", "{\"name\":\"toolong\"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
        JsonNode blank = problem(post("/samples", "{\"name\":\" \"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(blank.get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheExpectedType() throws Exception {
        JsonNode problem = problem(post("/samples", "{\"name\":\"ok\",\"count\":\"many\"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("count");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("must be an integer");
        JsonNode nested = problem(post("/samples", "{\"name\":\"ok\",\"tags\":[\"a\",{}]}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(nested.get("errors").get(0).get("field").asString()).isEqualTo("tags[1]");
    }

    @Test
    void textFieldsRefuseNumbersAndBooleansInsteadOfConvertingThem() throws Exception {
        JsonNode number = problem(post("/samples", "{\"name\":42}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(number.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(number.get("errors").get(0).get("message").asString()).isEqualTo("must be a string");
        problem(post("/samples", "{\"name\":true}", null), 400, ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void anythingAfterTheJsonValueIsMalformed() throws Exception {
        problem(post("/samples", "{\"name\":\"ok\"} {\"name\":\"again\"}", null), 400, ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void aRefusalWrappedByAFrameworkKeepsItsCode() throws Exception {
        problem(get("/wrapped-refusal"), 404, ErrorCode.TICKET_NOT_FOUND);
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterEvenWhenWrapped() throws Exception {
        HttpResponse<String> response = get("/database-down");
        problem(response, 503, ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void anUnknownFieldIsNamed() throws Exception {
        JsonNode problem = problem(post("/samples", "{\"name\":\"ok\",\"nmae\":\"x\"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("nmae");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhetherOrNotItsLengthIsDeclared() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2_000) + "\"}";
        problem(post("/samples", big, null), 413, ErrorCode.PAYLOAD_TOO_LARGE);
        HttpRequest chunked = authorized(uri("/samples"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
                .build();
        problem(http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aMalformedCorrelationIdIsRefusedAndReplaced() throws Exception {
        HttpResponse<String> response = post("/samples", "{\"name\":\"ok\"}", "bad id with spaces");
        JsonNode problem = problem(response, 400, ErrorCode.VALIDATION_FAILED);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("X-Correlation-Id");
        assertThat(response.headers().firstValue("X-Correlation-Id").orElseThrow()).doesNotContain(" ");
    }

    @Test
    void aDomainRefusalKeepsItsCodeAndStatus() throws Exception {
        problem(get("/samples/" + UUID.randomUUID()), 404, ErrorCode.TICKET_NOT_FOUND);
    }

    @Test
    void aMalformedPathVariableOrParameterIsAValidationError() throws Exception {
        JsonNode id = problem(get("/samples/not-a-uuid"), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(id.get("errors").get(0).get("field").asString()).isEqualTo("id");
        JsonNode limit = problem(get("/samples/" + UUID.randomUUID() + "?limit=ten"), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(limit.get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void springMvcRefusalsGetCodes() throws Exception {
        problem(get("/nowhere"), 404, ErrorCode.NOT_FOUND);
        HttpResponse<String> put = http.send(authorized(uri("/samples"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        problem(put, 405, ErrorCode.METHOD_NOT_ALLOWED);
        HttpResponse<String> text = http.send(authorized(uri("/samples"))
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        problem(text, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void bodiesThatOnlyClaimToBeMultipartOrFormDataAreMalformedRequests() throws Exception {
        HttpResponse<String> multipart = http.send(authorized(uri("/samples"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(multipart.statusCode()).isIn(400, 415);
        assertThat(multipart.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> form = http.send(authorized(uri("/samples"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=%")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isLessThan(500);
        assertThat(form.headers().firstValue("Content-Type")).contains("application/problem+json");
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            // Spring's form-content filter parsed these before anything else and failed with a 500
            HttpResponse<String> put = http.send(authorized(uri("/samples"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString("title=%\"x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(method).isIn(405, 415);
            assertThat(put.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    void pathsTheServerOrTheFirewallRefuseAreProblemsToo() throws Exception {
        // an encoded slash: Tomcat refuses it before any servlet runs
        problem(get("/samples/a%2Fb"), 400, ErrorCode.MALFORMED_REQUEST);
        // an encoded line break: the security firewall refuses it
        problem(get("/samples/a%0Ab"), 400, ErrorCode.MALFORMED_REQUEST);
        problem(get("/samples/%2e%2e/boom"), 400, ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void queryTextThatCannotBeStoredIsRefusedNamingTheParameter() throws Exception {
        String sample = "/samples/" + UUID.randomUUID();
        for (String value : List.of("a%00b", "%C0%AF", "%ED%A0%80", "%FF", "%E2%82")) {
            JsonNode problem = problem(get(sample + "?limit=" + value), 400, ErrorCode.VALIDATION_FAILED);
            assertThat(problem.get("errors").get(0).get("field").asString()).as(value).isEqualTo("limit");
        }
        JsonNode name = problem(get(sample + "?li%00mit=1"), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(name.get("errors").get(0).get("field").asString()).isEqualTo("query");
        // well-formed text of any script passes this check and reaches the operation's own
        assertThat(problem(get(sample + "?limit=%E2%82%AC%F0%9F%98%80"), 400, ErrorCode.VALIDATION_FAILED)
                .get("errors").get(0).get("message").asString()).isEqualTo("must be an integer");
    }

    @Test
    void anUnknownQueryParameterIsRefusedOnEveryOperation() throws Exception {
        JsonNode problem = problem(get("/samples/" + UUID.randomUUID() + "?limit=1&lmit=2"), 400,
                ErrorCode.VALIDATION_FAILED);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("lmit");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("is not a parameter here; known: limit");
        JsonNode none = problem(post("/samples?dryRun=true", "{\"name\":\"ok\"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(none.get("errors").get(0).get("message").asString()).contains("takes none");
    }

    @Test
    void bodyBytesThatAreNotShortestFormUtf8AreMalformed() throws Exception {
        List<byte[]> bodies = List.of(
                bytes("{\"name\":\"a", 0xC0, 0xAF, "\"}"),          // overlong '/'
                bytes("{\"name\":\"", 0xED, 0xA0, 0x80, "\"}"),     // an encoded surrogate
                bytes("{\"name\":\"", 0xE2, 0x82, "\"}"),           // a character cut short
                bytes("{\"name\":\"", 0xF5, 0x80, 0x80, 0x80, "\"}"),
                bytes("{\"name\":\"a", 0x00, "\"}"),
                "{\"name\":\"ok\"}".getBytes(StandardCharsets.UTF_16BE),
                "{\"name\":\"ok\"}".getBytes(StandardCharsets.UTF_16LE));
        for (byte[] body : bodies) {
            JsonNode problem = problem(postBytes("/samples", body), 400, ErrorCode.MALFORMED_REQUEST);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("body");
        }
        assertThat(postBytes("/samples", "{\"name\":\"\u00e9\u20ac\"}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void jsonEscapesThatMakeUnstorableTextAreRefusedNamingTheField() throws Exception {
        JsonNode nul = problem(post("/samples", "{\"name\":\"a\\u0000\"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(nul.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(nul.get("errors").get(0).get("message").asString()).contains("NUL");
        JsonNode lone = problem(post("/samples", "{\"name\":\"ok\",\"tags\":[\"x\",\"\\ud800\"]}", null), 400,
                ErrorCode.VALIDATION_FAILED);
        assertThat(lone.get("errors").get(0).get("field").asString()).isEqualTo("tags[1]");
        assertThat(lone.get("errors").get(0).get("message").asString()).contains("unpaired surrogate");
        problem(post("/samples", "{\"name\":\"\\udc00\"}", null), 400, ErrorCode.VALIDATION_FAILED);
        assertThat(post("/samples", "{\"name\":\"\\ud83d\\ude00\"}", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aFieldGivenTwiceIsRefused() throws Exception {
        JsonNode problem = problem(post("/samples", "{\"name\":\"a\",\"name\":\"b\"}", null), 400,
                ErrorCode.VALIDATION_FAILED);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("is given more than once");
    }

    @Test
    void anUnexpectedFaultIs500WithoutInternals() throws Exception {
        HttpResponse<String> response = get("/boom");
        problem(response, 500, ErrorCode.INTERNAL_ERROR);
        assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException")
                .doesNotContain("at dev.docket");
    }

    private JsonNode problem(HttpResponse<String> response, int status, ErrorCode code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("code").asString()).isEqualTo(code.name());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isEqualTo(code.title());
        return body;
    }

    private HttpResponse<String> post(String path, String body, String correlationId) throws Exception {
        HttpRequest.Builder request = authorized(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postBytes(String path, byte[] body) throws Exception {
        return http.send(authorized(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Text as UTF-8 and raw bytes, in order. */
    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(authorized(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every request as an admin: these tests are about answers behind authentication. */
    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", ADMIN_TOKEN);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
