package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.events.ErrorCode;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OpenTicketApiIT extends CommandServiceTestBase {

    private final JsonMapper json = JsonMapper.builder().build();
    private String requester;

    @org.junit.jupiter.api.BeforeEach
    void registerRequester() throws Exception {
        requester = registerUser("requester");
    }

    @Test
    void opensATicketAndAnswersItsLocationNumberAndVersion() throws Exception {
        HttpResponse<String> response = postJson("/api/tickets",
                "{\"title\":\"  Printer on fire \",\"description\":\"Third floor\",\"priority\":\"urgent\","
                        + "\"requesterId\":\"" + requester + "\",\"tags\":[\"Printers\"]}",
                "Authorization", TestIdentity.bearer("alice@example.com", "agent"), "X-Correlation-Id", "req-42");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json.readTree(response.body());
        String id = body.get("id").asString();
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(body.get("number").asString()).matches("TCK-\\d{6}");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(response.headers().firstValue("Location")).contains("http://localhost:8082/api/tickets/" + id);
        assertThat(response.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(response.headers().firstValue("X-Correlation-Id")).contains("req-42");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

        StoredEvent event = storedEvents(id).getFirst();
        assertThat(event.payloadType()).isEqualTo("dev.docket.events.TicketOpened");
        assertThat(event.revision()).isEqualTo("2");
        JsonNode payload = json.readTree(event.payload());
        assertThat(payload.get("ticketId").asString()).isEqualTo(id);
        assertThat(payload.get("title").asString()).isEqualTo("Printer on fire");
        assertThat(payload.get("priority").asString()).isEqualTo("urgent");
        assertThat(payload.get("number").asString()).isEqualTo(body.get("number").asString());
        assertThat(payload.get("requesterId").asString()).isEqualTo(requester);
        assertThat(payload.get("tags").get(0).asString()).isEqualTo("printers");
        JsonNode metaData = json.readTree(event.metaData());
        assertThat(metaData.get("actor").asString()).isEqualTo("alice@example.com");
        assertThat(metaData.get("correlationId").asString()).isEqualTo("req-42");
        assertThat(metaData.get("causationId").asString()).isNotBlank().isNotEqualTo("req-42");
    }

    @Test
    void defaultsToNormalPriorityTheCallerAsActorAndAGeneratedCorrelationId() throws Exception {
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"Defaults\",\"requesterId\":\"" + requester + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        String id = json.readTree(response.body()).get("id").asString();
        String correlationId = response.headers().firstValue("X-Correlation-Id").orElseThrow();
        StoredEvent event = storedEvents(id).getFirst();
        assertThat(json.readTree(event.payload()).get("priority").asString()).isEqualTo("normal");
        assertThat(json.readTree(event.payload()).get("description").asString()).isEmpty();
        JsonNode metaData = json.readTree(event.metaData());
        assertThat(metaData.get("actor").asString()).isEqualTo(TestIdentity.ADMIN);
        assertThat(metaData.get("correlationId").asString()).isEqualTo(correlationId);
    }

    @Test
    void concurrentOpensGetDistinctTicketsAndNumbers() throws Exception {
        int count = 24;
        List<Callable<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            calls.add(() -> {
                HttpResponse<String> r = postJson("/api/tickets", "{\"title\":\"Concurrent " + n + "\",\"requesterId\":\""
                        + requester + "\"}");
                assertThat(r.statusCode()).isEqualTo(201);
                return json.readTree(r.body());
            });
        }
        List<JsonNode> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<JsonNode> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        }
        assertThat(answers.stream().map(a -> a.get("id").asString()).distinct()).hasSize(count);
        assertThat(answers.stream().map(a -> a.get("number").asString()).distinct()).hasSize(count);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{}", "title", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":null}", "title", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"   \"}", "title", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"" + "x".repeat(501) + "\"}", "title", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"tab\\tin title\"}", "title", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"priority\":\"critical\"}", "priority", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"priority\":\"URGENT\"}", "priority", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"priority\":3}", "priority", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":[\"a\"]}", "title", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"description\":\"nul\\u0000byte\"}", "description", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"priorty\":\"high\"}", "priorty", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"actor\":\"mallory\"}", "actor", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"requesterId\":\"1-1-1-1-1\"}", "requesterId", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"tags\":[\"ok\",\"!bad\"]}", "tags[1]", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\":\"ok\",\"tags\":\"one\"}", "tags", ErrorCode.VALIDATION_FAILED),
                Arguments.of("{\"title\": \"unterminated", null, ErrorCode.MALFORMED_REQUEST),
                Arguments.of("", null, ErrorCode.MALFORMED_REQUEST),
                Arguments.of("[]", null, ErrorCode.MALFORMED_REQUEST),
                Arguments.of("\"just a string\"", null, ErrorCode.MALFORMED_REQUEST));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void refusesInvalidInputWithAProblemNamingTheFieldAndChangesNothing(String body, String field, ErrorCode code)
            throws Exception {
        long eventsBefore = eventCount();
        long numberBefore = lastTicketNumber();

        HttpResponse<String> response = postJson("/api/tickets", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code.name());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.docket");
        assertThat(eventCount()).isEqualTo(eventsBefore);
        assertThat(lastTicketNumber()).as("no ticket number is spent on a refused request").isEqualTo(numberBefore);
    }

    @Test
    void opensForTheCallerWhenTheCallerIsARegisteredUserAndNoRequesterIsNamed() throws Exception {
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"Mine\"}", as(requester, "requester"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = json.readTree(response.body()).get("id").asString();
        assertThat(json.readTree(storedEvents(id).getFirst().payload()).get("requesterId").asString()).isEqualTo(requester);
    }

    @Test
    void refusesATicketWithoutRequesterFromACallerWhoIsNotARegisteredUser() throws Exception {
        long numberBefore = lastTicketNumber();
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"Whose?\"}", "Authorization", TestIdentity.bearer("script-7", "agent"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("field")).containsExactly("requesterId");
        assertThat(lastTicketNumber()).isEqualTo(numberBefore);
    }

    @Test
    void textThatCannotBeStoredAsSentIsRefusedAndNothingIsStored() throws Exception {
        long eventsBefore = eventCount();
        String prefix = "{\"requesterId\":\"" + requester + "\",\"title\":\"";
        HttpResponse<String> surrogate = postJson("/api/tickets", prefix + "half \\ud83d of a pair\"}");
        assertThat(surrogate.statusCode()).as(surrogate.body()).isEqualTo(400);
        assertThat(json.readTree(surrogate.body()).get("errors").findValuesAsString("field")).containsExactly("title");

        byte[] overlong = (prefix + "a\u00c0\u00afb\"}").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> bytes = http.send(authorized(uri("/api/tickets")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overlong)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bytes.statusCode()).as(bytes.body()).isEqualTo(400);
        assertThat(json.readTree(bytes.body()).get("code").asString()).isEqualTo("MALFORMED_REQUEST");

        HttpResponse<String> twice = postJson("/api/tickets", prefix + "one\",\"title\":\"two\"}");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
        assertThat(json.readTree(twice.body()).get("errors").findValuesAsString("field")).containsExactly("title");

        HttpResponse<String> utf16 = http.send(authorized(uri("/api/tickets")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray((prefix + "wide\"}").getBytes(StandardCharsets.UTF_16)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(utf16.statusCode()).as(utf16.body()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void refusesAnUnknownOrDeactivatedRequesterWith422AndSpendsNoNumber() throws Exception {
        long numberBefore = lastTicketNumber();
        HttpResponse<String> unknown = postJson("/api/tickets", "{\"title\":\"t\",\"requesterId\":\""
                + UUID.randomUUID() + "\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json.readTree(unknown.body()).get("code").asString()).isEqualTo("UNKNOWN_USER");

        assertThat(postJson("/api/users/" + requester + "/deactivate", "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> inactive = postJson("/api/tickets", "{\"title\":\"t\",\"requesterId\":\"" + requester + "\"}");
        assertThat(inactive.statusCode()).isEqualTo(422);
        assertThat(json.readTree(inactive.body()).get("code").asString()).isEqualTo("USER_INACTIVE");
        assertThat(lastTicketNumber()).isEqualTo(numberBefore);
    }

    @Test
    void theActorIsTheTokensSubjectWhateverAHeaderOrTheBodyClaims() throws Exception {
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"ok\",\"requesterId\":\"" + requester
                + "\"}", "Authorization", TestIdentity.bearer("agent-7", "agent"), "X-Actor", "somebody-else");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = json.readTree(response.body()).get("id").asString();
        assertThat(json.readTree(storedEvents(id).getFirst().metaData()).get("actor").asString()).isEqualTo("agent-7");
    }

    @Test
    void aRequesterOpensTicketsForThemselvesOnly() throws Exception {
        String other = registerUser("requester");
        long numberBefore = lastTicketNumber();
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"For someone else\",\"requesterId\":\""
                + other + "\"}", as(requester, "requester"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(lastTicketNumber()).isEqualTo(numberBefore);
        assertThat(postJson("/api/tickets", "{\"title\":\"Mine\",\"requesterId\":\"" + requester + "\"}",
                as(requester, "requester")).statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyThatOnlyClaimsToBeMultipartOrFormDataIsAMalformedRequestNotAFault() throws Exception {
        for (String contentType : List.of("multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded")) {
            HttpResponse<String> response = http.send(authorized(uri("/api/tickets/" + UUID.randomUUID() + "/restore"))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"%\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(contentType + ": " + response.body()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    void refusesAnotherContentTypeWith415() throws Exception {
        HttpResponse<String> response = http.send(authorized(uri("/api/tickets"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("title=x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String huge = "{\"title\":\"ok\",\"description\":\"" + "d".repeat(300 * 1024) + "\"}";
        HttpResponse<String> response = postJson("/api/tickets", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void answersOtherMethodsWith405() throws Exception {
        HttpResponse<String> response = http.send(authorized(uri("/api/tickets")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    /** A stored event, its personal fields opened. */
    private record StoredEvent(String payloadType, String revision, byte[] payload, byte[] metaData) {
    }

    private List<StoredEvent> storedEvents(String aggregateId) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT payload_type, payload_revision, payload, meta_data FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            s.setString(1, aggregateId);
            try (ResultSet rs = s.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getString(1), rs.getString(2),
                            personalTexts.open(rs.getString(1), rs.getBytes(3)), rs.getBytes(4)));
                }
                return events;
            }
        }
    }

    private long lastTicketNumber() throws Exception {
        return queryLong("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ticket_number_seq");
    }
}
