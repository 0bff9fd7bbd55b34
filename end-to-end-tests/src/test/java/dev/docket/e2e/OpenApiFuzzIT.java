package dev.docket.e2e;

import dev.docket.testing.OpenApiDocument;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests generated from the OpenAPI documents both packaged services serve, against both: every operation, every
 * parameter, header and body field, with values the schema admits (at its bounds) and values it does not (one past
 * the bounds, unknown enum values, wrong types, malformed ids), text no store can keep (NUL, overlong UTF-8, lone
 * surrogates, UTF-16 bodies, a field given twice), as every role and without a token. No answer may be a 500, each
 * must be a status its operation declares with a body its schema admits, and a refused change must change nothing.
 */
class OpenApiFuzzIT extends AgainstRunningPlatform {

    private static final int ROUNDS = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ROLES = List.of("requester", "agent", "admin", "auditor", "consumer");
    /** Text that must never reach a store as it is; as JSON escapes where a body carries it. */
    private static final List<String> UNSTORABLE = List.of("a\u0000b", "\uD800", "x\uDC00y", "\uDFFF\uD800");
    private static final List<String> PLAIN = List.of("", " ", "x", "' OR '1'='1", "\u00e9t\u00e9 \u20ac \uD83D\uDE00",
            "-1", "0", "null", "true", "{}", "%", "\\", "\r\n", "a".repeat(3_000));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Random random = new Random(16);

    private record Service(String name, String base, OpenApiDocument document) {
    }

    private record Operation(Service service, String method, String template, JsonNode spec) {
    }

    private record Call(Operation operation, String path, String query, Map<String, String> headers, byte[] body) {
    }

    @Test
    void generatedRequestsGetOnlyDocumentedAnswersAndRefusalsChangeNothing() throws Exception {
        Fixture fixture = fixture();
        // not a rebuild: each would build the read models again; not a stream of events, whose answer never ends
        // (the change stream's refusals are tested in ChangeStreamIT, and below for an unknown parameter)
        List<Operation> operations = operations().stream().filter(o -> !o.template().contains("rebuild"))
                .filter(o -> !o.spec().at("/responses/200/content").has("text/event-stream")).toList();
        List<String> broken = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Operation operation : operations) {
                for (String role : ROLES) {
                    for (Call call : calls(operation, role, fixture)) {
                        long before = change(operation) ? events() : 0;
                        HttpResponse<String> answer = send(call);
                        sent++;
                        statuses.merge(answer.statusCode(), 1, Integer::sum);
                        String where = describe(call);
                        if (answer.statusCode() >= 500) {
                            broken.add(answer.statusCode() + " for " + where + ": " + abbreviate(answer.body()));
                        }
                        operation.service().document().check(operation.method(), call.path(), answer.statusCode(),
                                answer.headers().firstValue("Content-Type").orElse(null), answer.body())
                                .forEach(problem -> broken.add(problem + " for " + where));
                        if (change(operation) && answer.statusCode() >= 400 && events() != before) {
                            broken.add("a refused change changed the event store: " + where);
                        }
                    }
                }
            }
        }
        System.out.println("OpenAPI fuzz: " + sent + " requests over " + operations.size() + " operations, by status "
                + statuses);
        assertThat(sent).isGreaterThan(2_000);
        assertThat(broken.stream().distinct().limit(40).toList()).isEmpty();
    }

    /** One test per operation of both documents: a query parameter it does not read is refused, naming it. */
    @TestFactory
    Stream<DynamicTest> everyOperationRefusesAnUnknownQueryParameter() throws Exception {
        Fixture fixture = fixture();
        return operations().stream().map(operation -> DynamicTest.dynamicTest(operation.service().name() + " "
                + operation.method() + " " + operation.template(), () -> {
            // a body of the media type the operation takes, so that the operation is the one reached
            JsonNode content = operation.spec().at("/requestBody/content");
            String mediaType = content.isMissingNode() ? null : content.propertyNames().iterator().next();
            boolean multipart = mediaType != null && mediaType.startsWith("multipart/");
            byte[] body = mediaType == null ? null : (multipart ? "--fuzz--\r\n" : "{}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = null;
            for (String role : List.of("admin", "auditor", "agent", "consumer")) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", TestIdentity.bearer("fuzz-" + role, role));
                if (mediaType != null) {
                    headers.put("Content-Type", multipart ? mediaType + "; boundary=fuzz" : mediaType);
                }
                answer = send(new Call(operation, path(operation, fixture, true), "zzUnknown=1", headers, body));
                if (answer.statusCode() != 403) {
                    break;
                }
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(problem.get("errors").findValuesAsString("field")).contains("zzUnknown");
        }));
    }

    /** A requester, an agent and a ticket of the requester's, so ids in paths and bodies can name real things. */
    private record Fixture(String requester, String agent, String ticket) {
    }

    private Fixture fixture() throws Exception {
        String requester = register("requester");
        String agent = register("agent");
        HttpResponse<String> opened = http.send(authorized(URI.create(platform.commandUrl("/api/tickets")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Fuzzed\",\"requesterId\":\"" + requester + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return new Fixture(requester, agent, JSON.readTree(opened.body()).get("id").asString());
    }

    private String register(String role) throws Exception {
        HttpResponse<String> answer = http.send(authorized(URI.create(platform.commandUrl("/api/users")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"fuzz-" + UUID.randomUUID() + "@example.com\",\"displayName\":\"Fuzz\",\"role\":\""
                                + role + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).get("id").asString();
    }

    private List<Operation> operations() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (Service service : List.of(
                new Service("command", platform.commandUrl(""), OpenApiDocument.of(platform.commandPort)),
                new Service("query", platform.queryUrl(""), OpenApiDocument.of(platform.queryPort)))) {
            service.document().json().get("paths").properties().forEach(path -> path.getValue().properties()
                    .forEach(method -> {
                        if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                            operations.add(new Operation(service, method.getKey().toUpperCase(Locale.ROOT),
                                    path.getKey(), method.getValue()));
                        }
                    }));
        }
        return operations;
    }

    /** A few calls to one operation as one role: valid parts with one part made hostile, or none. */
    private List<Call> calls(Operation operation, String role, Fixture fixture) {
        List<Call> calls = new ArrayList<>();
        String subject = role.equals("requester") ? fixture.requester() : "fuzz-" + role;
        for (int i = 0; i < 3; i++) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", random.nextInt(20) == 0 ? "Bearer not-a-token"
                    : TestIdentity.bearer(subject, role));
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : operation.spec().path("parameters")) {
                String name = parameter.get("name").asString();
                JsonNode schema = resolve(operation, parameter.path("schema"));
                switch (parameter.get("in").asString()) {
                    case "query" -> {
                        if (random.nextBoolean()) {
                            // a well-formed wait for a version that never comes is a 503 by design, after a wait
                            String value = name.equals("minVersion") || name.equals("consistentWith")
                                    ? pick(List.of("abc", "-1", "0", "x:y", "%00", "1.5")) : queryValue(schema);
                            query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=').append(value);
                        }
                    }
                    case "header" -> {
                        if (random.nextInt(3) == 0) {
                            headers.put(name, headerValue(name, schema));
                        }
                    }
                    default -> {
                    }
                }
            }
            byte[] body = operation.spec().has("requestBody") ? body(operation, fixture) : null;
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            calls.add(new Call(operation, path(operation, fixture, random.nextInt(4) != 0), query.toString(), headers,
                    body));
        }
        return calls;
    }

    private String path(Operation operation, Fixture fixture, boolean real) {
        String path = operation.template();
        String ticketOrPerson = path.startsWith("/api/users") ? fixture.agent() : fixture.ticket();
        String id = real ? ticketOrPerson : pick(List.of(UUID.randomUUID().toString(), "not-an-id", "%00", "%C0%AF",
                "%ED%A0%80", "1"));
        return path.replaceAll("\\{id}", id).replaceAll("\\{attachmentId}", real ? UUID.randomUUID().toString() : id)
                .replaceAll("\\{[^}]*}", id);
    }

    /** A query value: in the schema (at its bounds) or out of it, percent-encoded, or raw bytes no text may hold. */
    private String queryValue(JsonNode schema) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(List.of("%00", "a%00b", "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "%E2%82"));
            case 1 -> encode(pick(PLAIN));
            default -> encode(valid(schema.path("items").isMissingNode() ? schema : schema.get("items"), true));
        };
    }

    private String headerValue(String name, JsonNode schema) {
        return switch (random.nextInt(3)) {
            case 0 -> pick(List.of("has space", "x".repeat(300), "\"1\" \"2\"", "W/\"1\"", "-1", ""));
            case 1 -> name.equalsIgnoreCase("If-Match") ? "\"" + (1 + random.nextInt(3)) + "\"" : "fuzz-" + random.nextInt(1_000);
            default -> name.equalsIgnoreCase("If-Match") ? "\"999\"" : "k-" + UUID.randomUUID();
        };
    }

    /** A JSON body from the operation's schema, one field made hostile at times, or bytes that are not UTF-8. */
    private byte[] body(Operation operation, Fixture fixture) {
        JsonNode schema = resolve(operation, operation.spec().at("/requestBody/content/application~1json/schema"));
        if (schema.isMissingNode()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{");
        List<String> names = new ArrayList<>();
        schema.path("properties").propertyNames().forEach(names::add);
        String hostile = names.isEmpty() || random.nextInt(3) == 0 ? null : pick(names);
        for (String name : names) {
            if (!name.equals(hostile) && !schema.path("required").toString().contains("\"" + name + "\"")
                    && random.nextBoolean()) {
                continue;
            }
            JsonNode property = resolve(operation, schema.get("properties").get(name));
            String value = name.equals(hostile) ? hostileJson(property)
                    : property.path("format").asString("").equals("uuid") || name.endsWith("Id")
                    ? JSON.writeValueAsString(name.contains("assignee") ? fixture.agent() : fixture.requester())
                    : jsonValue(property);
            json.append(json.length() == 1 ? "" : ",").append(JSON.writeValueAsString(name)).append(':').append(value);
        }
        if (hostile != null && random.nextInt(5) == 0) {
            json.append(json.length() == 1 ? "" : ",").append(JSON.writeValueAsString(hostile)).append(":\"again\"");
        }
        String text = json.append('}').toString();
        return switch (random.nextInt(12)) {
            case 0 -> text.getBytes(StandardCharsets.UTF_16);
            case 1 -> withBytes(text, 0xC0, 0xAF);
            case 2 -> withBytes(text, 0xED, 0xA0, 0x80);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    private String hostileJson(JsonNode schema) {
        return switch (random.nextInt(4)) {
            case 0 -> JSON.writeValueAsString(pick(UNSTORABLE));
            case 1 -> pick(List.of("42", "true", "[1]", "{\"x\":1}", "null", "-0.5"));
            case 2 -> JSON.writeValueAsString(pick(PLAIN));
            default -> jsonOutOfBounds(schema);
        };
    }

    private String jsonValue(JsonNode schema) {
        if (schema.path("type").asString("").equals("array")) {
            JsonNode items = schema.path("items");
            int count = random.nextInt(3);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(JSON.writeValueAsString(valid(items, false)));
            }
            return "[" + String.join(",", values) + "]";
        }
        return JSON.writeValueAsString(valid(schema, false));
    }

    private String jsonOutOfBounds(JsonNode schema) {
        if (schema.has("maxLength")) {
            return JSON.writeValueAsString("y".repeat(schema.get("maxLength").asInt() + 1));
        }
        if (schema.has("maxItems")) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                many.add("\"t" + i + "\"");
            }
            return "[" + String.join(",", many) + "]";
        }
        return JSON.writeValueAsString("not-" + random.nextInt(100));
    }

    /** A value the schema admits, at its bounds when it has them; {@code loose} adds one past a bound at times. */
    private String valid(JsonNode schema, boolean loose) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return random.nextInt(5) == 0 && loose ? "nonsense" : schema.get("enum").get(random.nextInt(
                    schema.get("enum").size())).asString("");
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString() : schema.path("type").asString("");
        if (type.equals("integer")) {
            long low = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
            long high = schema.has("maximum") ? schema.get("maximum").asLong() : 1_000;
            return Long.toString(pick(loose ? List.of(low - 1, low, high, high + 1) : List.of(low, high)));
        }
        if (type.equals("boolean")) {
            return Boolean.toString(random.nextBoolean());
        }
        if (schema.path("format").asString("").equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        if (schema.path("format").asString("").equals("email")) {
            return "fuzz-" + UUID.randomUUID() + "@example.com";
        }
        if (schema.has("maxLength")) {
            int max = schema.get("maxLength").asInt();
            int length = loose && random.nextBoolean() ? max + 1 : random.nextBoolean() ? max : 1;
            return "w".repeat(Math.min(length, 60_000));
        }
        return pick(List.of("fuzz", "printer", "2026-11-24", "4h", "open"));
    }

    private JsonNode resolve(Operation operation, JsonNode schema) {
        JsonNode resolved = schema;
        for (int depth = 0; depth < 5; depth++) {
            if (resolved.has("$ref")) {
                String ref = resolved.get("$ref").asString();
                resolved = operation.service().document().json().at(ref.substring(1));
            } else if (resolved.has("anyOf")) {
                resolved = resolved.get("anyOf").get(0);
            } else {
                break;
            }
        }
        return resolved;
    }

    private HttpResponse<String> send(Call call) throws Exception {
        String url = call.operation().service().base() + call.path() + (call.query().isEmpty() ? "" : "?" + call.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(call.operation().method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean change(Operation operation) {
        return !operation.method().equals("GET");
    }

    private long events() throws Exception {
        try (Connection c = platform.commandDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] withBytes(String text, int... bytes) {
        int at = Math.max(1, text.indexOf('"', 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        for (int b : bytes) {
            out.write(b);
        }
        out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String describe(Call call) {
        return call.operation().method() + " " + call.operation().service().name() + call.path()
                + (call.query().isEmpty() ? "" : "?" + abbreviate(call.query())) + " headers "
                + call.headers().keySet() + (call.body() == null ? "" : " body "
                + abbreviate(new String(call.body(), StandardCharsets.UTF_8)));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
