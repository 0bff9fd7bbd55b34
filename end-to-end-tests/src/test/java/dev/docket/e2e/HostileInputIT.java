package dev.docket.e2e;

import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least 10,000 generated malformed or hostile requests against both packaged services: broken JSON, wrong
 * types, huge strings, unknown enum values, injection strings in every parameter and field, bad ids, cursors,
 * filters and headers, bad tokens. None gets a 5xx, every refusal is a problem detail with a code, and nothing
 * changes: the event store holds exactly the events it held before. It shares the platform of the classes that only
 * add data of their own: it adds one person and one ticket, and asserts that nothing else changes.
 */
@SharesPlatform
class HostileInputIT extends AgainstRunningPlatform {

    private static final int REQUESTS = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "'; DROP TABLE domain_event_entry; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1/x}", "../../../../etc/passwd", "%00", "\u0000",
            "\u202Eevil", "{{7*7}}", "$(id)", "`id`", "NaN", "-1", "1e309", "99999999999999999999999", "null",
            "true", "[]", "{}", "\\", "\"", "\uD83D\uDE00".repeat(300), "x".repeat(5_000), " ", "",
            "status = open OR 1=1", "(((((", "tag = 'a' AND NOT", "\r\nX-Injected: yes", "%2e%2e%2f", "%", "+",
            "00000000-0000-0000-0000-000000000000", "01a20e4e-37f0-7eb3-8e34-b7842879372d'");
    private static final List<String> BROKEN_JSON = List.of("{", "{\"title\":", "[1,2", "nul", "\"text\"", "123",
            "{\"title\":\"x\",}", "{} {}", "{\"title\":\"x\"} trailing", "{'title':'x'}", "\u0000",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_001));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record Call(String method, String url, String body, Map<String, String> headers) {
    }

    @Test
    void tenThousandHostileRequestsGetNoFaultOnlyProblemsAndChangeNothing() throws Exception {
        String requester = json(send(new Call("POST", platform.commandUrl("/api/users"),
                "{\"email\":\"hostile-" + UUID.randomUUID() + "@example.com\",\"displayName\":\"H\",\"role\":\"requester\"}",
                Map.of()))).get("id").asString();
        String ticket = json(send(new Call("POST", platform.commandUrl("/api/tickets"),
                "{\"title\":\"Target\",\"requesterId\":\"" + requester + "\"}", Map.of()))).get("id").asString();
        long eventsBefore = events();

        List<Call> calls = generate(ticket, new Random(42));
        assertThat(calls).hasSizeGreaterThanOrEqualTo(REQUESTS);
        Map<String, String> failures = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>(calls);
        AtomicInteger answered = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Object>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(workers.submit(() -> {
                for (Call call; (call = queue.poll()) != null; ) {
                    HttpResponse<String> response;
                    try {
                        response = send(call);
                    } catch (AssertionError noAnswer) {
                        failures.putIfAbsent(call.method() + " " + abbreviate(call.url()) + " "
                                + abbreviate(String.valueOf(call.body())), String.valueOf(noAnswer.getCause()));
                        continue;
                    }
                    answered.incrementAndGet();
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    String problem = judge(response);
                    if (problem != null && failures.size() < 30) {
                        failures.putIfAbsent(call.method() + " " + abbreviate(call.url()) + " "
                                + abbreviate(String.valueOf(call.body())) + " " + call.headers().keySet(), problem);
                    }
                }
                return null;
            }));
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        for (java.util.concurrent.Future<Object> worker : done) {
            worker.get();
        }

        System.out.println("Hostile input: " + calls.size() + " requests, " + answered.get()
                + " answered, by status " + new TreeMap<>(statuses));
        assertThat(failures).as("requests answered with a fault or without a problem detail").isEmpty();
        assertThat(answered.get()).isEqualTo(calls.size());
        assertThat(events()).as("no hostile request changed anything; new events: %s", eventsAfter(eventsBefore))
                .isEqualTo(eventsBefore);
    }

    /** Null when the answer is acceptable: below 500, and a problem detail with a code when it is a refusal. */
    private static String judge(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return status + " " + abbreviate(response.body());
        }
        if (status >= 400) {
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                return status + " without a problem detail: " + abbreviate(response.body());
            }
            try {
                if (!JSON.readTree(response.body()).hasNonNull("code")) {
                    return status + " problem without a code";
                }
            } catch (RuntimeException e) {
                return status + " unreadable problem";
            }
        }
        return null;
    }

    private List<Call> generate(String ticket, Random random) {
        List<Call> calls = new ArrayList<>();
        List<String[]> changes = List.of(
                new String[]{"POST", "/api/tickets", "title,description,priority,requesterId,tags"},
                new String[]{"PATCH", "/api/tickets/{t}/details", "title,description"},
                new String[]{"PUT", "/api/tickets/{t}/priority", "priority"},
                new String[]{"PUT", "/api/tickets/{t}/assignee", "assigneeId"},
                new String[]{"DELETE", "/api/tickets/{t}/assignee", ""},
                new String[]{"PUT", "/api/tickets/{t}/requester", "requesterId,reason"},
                new String[]{"PUT", "/api/tickets/{t}/status", "status,reason"},
                new String[]{"POST", "/api/tickets/{t}/comments", "body,visibility"},
                new String[]{"PATCH", "/api/tickets/{t}/tags", "add,remove"},
                new String[]{"POST", "/api/tickets/{t}/archive", "reason"},
                new String[]{"POST", "/api/tickets/{t}/restore", "reason"},
                new String[]{"POST", "/api/tickets/{t}/attachments", ""},
                new String[]{"GET", "/api/tickets/{t}/attachments/{t}", ""},
                new String[]{"POST", "/api/users", "email,displayName,role"},
                new String[]{"PUT", "/api/users/{t}/display-name", "displayName"},
                new String[]{"POST", "/api/users/{t}/deactivate", "reason"},
                new String[]{"GET", "/api/audit/verify", ""});
        List<String[]> reads = List.of(
                new String[]{"/api/tickets", "q,filter,status,priority,assignee,requester,tag,archived,createdFrom,"
                        + "createdTo,updatedFrom,updatedTo,olderThan,newerThan,sort,cursor,limit,consistentWith,bogus"},
                new String[]{"/api/tickets/{t}", "minVersion"},
                new String[]{"/api/tickets/{t}/history", "minVersion,cursor,limit"},
                new String[]{"/api/audit", "actor,from,to,cursor,limit,consistentWith"},
                new String[]{"/api/stats/status-counts", "consistentWith"},
                new String[]{"/api/stats/priority-counts", "consistentWith"},
                new String[]{"/api/stats/assignee-counts", "consistentWith"},
                new String[]{"/api/admin/parked-events", "cursor,limit"},
                new String[]{"/api/admin/read-models", ""});
        while (calls.size() < REQUESTS) {
            String[] change = changes.get(random.nextInt(changes.size()));
            calls.add(hostileChange(change, ticket, random));
            String[] read = reads.get(random.nextInt(reads.size()));
            calls.add(hostileRead(read, ticket, random));
            if (random.nextInt(10) == 0) {
                calls.add(badToken(random));
            }
        }
        return calls;
    }

    /** A change that must be refused: malformed, mistyped, oversized, unknown values, or stale. */
    private Call hostileChange(String[] change, String ticket, Random random) {
        String path = change[1].replace("{t}", pathId(ticket, random));
        String url = platform.commandUrl(path);
        Map<String, String> headers = new java.util.HashMap<>();
        String body;
        String[] fields = change[2].isEmpty() ? new String[0] : change[2].split(",");
        switch (random.nextInt(7)) {
            case 0 -> body = pick(BROKEN_JSON, random);
            case 1 -> body = object(fields, random, () -> List.of("42", "true", "[1,2]", "{\"x\":1}", "-0.5")
                    .get(random.nextInt(5)));
            case 2 -> body = object(fields, random, () -> JSON.writeValueAsString("x".repeat(300_000)));
            case 3 -> {
                // unknown values for the enums; in free-text fields they are plain text, so stale as well
                body = object(fields, random, () -> JSON.writeValueAsString(pick(List.of("loud", "exploded",
                        "secret", "god", "URGENT!", "in progress"), random)));
                headers.put("If-Match", "\"" + (1000 + random.nextInt(1000)) + "\"");
            }
            case 4 -> {
                // plausible text, but stale: refused by the version check
                body = object(fields, random, () -> JSON.writeValueAsString(pick(HOSTILE, random)));
                headers.put("If-Match", "\"" + (1000 + random.nextInt(1000)) + "\"");
            }
            case 5 -> {
                body = object(fields, random, () -> JSON.writeValueAsString(pick(HOSTILE, random)));
                headers.put("Content-Type", pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=" + pick(HOSTILE, random).replaceAll("[\\r\\n]", "")), random));
            }
            default -> {
                body = object(fields, random, () -> JSON.writeValueAsString(pick(HOSTILE, random)));
                headers.put("If-Match", pick(List.of("abc", "W/\"1\"", "\"-1\"", "\"\"", "*, *", "\"1\" \"2\""), random));
                headers.put("Idempotency-Key", pick(List.of("k".repeat(300), "\u00e9\u00e9", " "), random));
            }
        }
        if (change[1].equals("/api/tickets") && !headers.containsKey("If-Match")) {
            // opening a ticket has no version to be stale against: name nobody as the requester
            body = body.replace("\"requesterId\":", "\"requesterIdX\":");
        }
        headers.putIfAbsent("X-Correlation-Id", pick(List.of("ok-1", "has space", "x".repeat(200), "'; --"), random));
        if (change[0].equals("GET") && change[1].contains("verify")) {
            return new Call("GET", url + "?ticket=" + encode(pick(HOSTILE, random)), null, headers);
        }
        return new Call(change[0], url, change[0].equals("GET") || change[0].equals("DELETE") && random.nextBoolean()
                ? null : body, headers);
    }

    private Call hostileRead(String[] read, String ticket, Random random) {
        StringBuilder url = new StringBuilder(platform.queryUrl(read[0].replace("{t}", pathId(ticket, random))));
        if (!read[1].isEmpty()) {
            String[] parameters = read[1].split(",");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String parameter = parameters[random.nextInt(parameters.length)];
                url.append(i == 0 ? '?' : '&').append(parameter).append('=').append(encode(readValue(parameter, random)));
            }
        }
        return new Call("GET", url.toString(), null, Map.of());
    }

    /** Hostile values, but never a well-formed wait for a version that does not come (that is a 503 by design). */
    private static String readValue(String parameter, Random random) {
        String value = pick(HOSTILE, random);
        if (parameter.equals("minVersion") || parameter.equals("consistentWith")) {
            return pick(List.of("abc", "-1", "0", "1.5", "x:y", "00000000-0000-0000-0000-000000000000:abc", ":", value),
                    random).replaceAll("^\\d{2,}$", "abc");
        }
        if (parameter.equals("cursor")) {
            return pick(List.of("bm90LWEtY3Vyc29y", "!!!", "eyJ4IjoxfQ", "A".repeat(2_000), value), random);
        }
        if (parameter.equals("limit")) {
            return pick(List.of("0", "-5", "100000", "1e3", "ten", value), random);
        }
        if (parameter.equals("q") && random.nextBoolean()) {
            return "w".repeat(501 + random.nextInt(2_000));
        }
        if (parameter.equals("filter") && random.nextBoolean()) {
            return pick(List.of("status = ", "title matches", "priority >>= high", "NOT NOT NOT", "(status = open",
                    "unknown = 1", "created < yesterday", "tag in ()", "status = open OR ".repeat(200) + "x"), random);
        }
        return value;
    }

    private Call badToken(Random random) {
        String authorization = pick(List.of("", "Bearer", "Bearer ", "Bearer garbage", "Basic YWRtaW46YWRtaW4=",
                "Bearer " + "a".repeat(2_000), "Bearer a.b.c", "bearer " + TestIdentity.admin().substring(7)
                        .replaceAll(".$", "x")), random);
        String url = random.nextBoolean() ? platform.queryUrl("/api/tickets") : platform.commandUrl("/api/users");
        return new Call(url.contains("/users") ? "POST" : "GET", url, url.contains("/users") ? "{}" : null,
                Map.of("Authorization", authorization));
    }

    private static String pathId(String ticket, Random random) {
        return random.nextInt(3) == 0 ? ticket : encode(pick(HOSTILE, random)).replace("+", "%20");
    }

    private static String object(String[] fields, Random random, java.util.function.Supplier<String> value) {
        if (fields.length == 0) {
            return "{\"unexpected\":" + value.get() + "}";
        }
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < fields.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(fields[i]).append("\":").append(value.get());
        }
        if (random.nextInt(4) == 0) {
            json.append(",\"").append("extra").append("\":1");
        }
        return json.append('}').toString();
    }

    private HttpResponse<String> send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (!call.headers().containsKey("Authorization")) {
            request.header("Authorization", TestIdentity.admin());
        }
        if (call.body() != null && !call.headers().containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        call.headers().forEach((name, value) -> {
            // header values are visible ASCII on the wire (no client sends a line break or raw UTF-8 in one)
            String sendable = value.replaceAll("[^\\x20-\\x7E]", "");
            if (!sendable.isEmpty()) {
                request.header(name, sendable);
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new AssertionError("no answer to " + call.method() + " " + abbreviate(call.url()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private long events() throws Exception {
        try (Connection c = platform.commandDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> eventsAfter(long count) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection c = platform.commandDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload_type, convert_from(payload, 'UTF8'), "
                     + "convert_from(meta_data, 'UTF8') FROM domain_event_entry ORDER BY global_index OFFSET " + count)) {
            while (rs.next()) {
                events.add(rs.getString(1) + " " + abbreviate(rs.getString(2)) + " " + abbreviate(rs.getString(3)));
            }
        }
        return events;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
