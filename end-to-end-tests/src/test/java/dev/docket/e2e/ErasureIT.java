package dev.docket.e2e;

import dev.docket.launcher.ExportVerifier;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An erasure across the whole platform. A requester with a unique email and unique words in their ticket, comments
 * and an attachment; agents work the ticket under a service-level policy; then the requester is erased. Afterwards
 * none of those strings, nor the attachment's bytes, is in any byte of a dump of either database, any record of the
 * topic or either service's log; the audit chain verifies; the consistency check finds nothing; counts, history and
 * service levels are as before; and a rebuild of the read models gives the same rows.
 */
class ErasureIT extends AgainstRunningPlatform {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anErasureLeavesNoCopyOfThePersonAndHistoryKeepsItsShape() throws Exception {
        String marker = "zx" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<String> secrets = List.of(marker, "Quasimodo" + marker.substring(2, 8), "Brightwater" + marker.substring(2, 8));
        String email = "erase-" + marker + "@example.com";
        String name = secrets.get(1) + " Person";
        String agent = register("agent", "agent-" + UUID.randomUUID() + "@example.com", "Agent Ada");
        String calendar = json(command("POST", "/api/sla/calendars", "{\"name\":\"Always\",\"zone\":\"UTC\","
                + "\"week\":[" + week() + "]}")).get("id").asString();
        json(command("PUT", "/api/sla/policies", "{\"policies\":[{\"id\":\"erasure\",\"name\":\"Erasure test\","
                + "\"conditions\":{\"tags\":[\"erasure\"]},\"calendar\":\"" + calendar + "\",\"targets\":[{"
                + "\"priority\":\"normal\",\"metric\":\"first_response\",\"minutes\":600,\"basis\":\"calendar\"}]}]}"));
        String requester = register("requester", email, name);
        String asRequester = TestIdentity.bearer(requester, "requester");

        String ticket = json(command("POST", "/api/tickets", "{\"title\":\"Heating " + secrets.get(2) + " broken\","
                + "\"description\":\"Flat of " + marker + " is cold\",\"requesterId\":\"" + requester
                + "\",\"tags\":[\"erasure\"]}", asRequester)).get("id").asString();
        String t = "/api/tickets/" + ticket;
        command("POST", t + "/comments", "{\"body\":\"Please hurry, " + secrets.get(1) + " here\"}", asRequester);
        byte[] content = ("attachment bytes " + secrets.get(2) + " " + marker).getBytes(StandardCharsets.UTF_8);
        upload(t + "/attachments", "photo-" + marker + ".txt", content, asRequester);
        // a saved view of theirs, named and filtered with their words
        assertThat(send(platform.queryUrl("/api/views"), "POST", "{\"name\":\"" + secrets.get(1) + " tickets\","
                + "\"filter\":\"title contains " + secrets.get(2) + "\"}", asRequester).statusCode()).isEqualTo(201);
        command("PUT", t + "/assignee", "{\"assigneeId\":\"" + agent + "\"}");
        command("PUT", t + "/status", "{\"status\":\"in_progress\"}");
        command("POST", t + "/comments", "{\"body\":\"We are on it\"}", TestIdentity.bearer(agent, "agent"));
        command("POST", t + "/comments", "{\"body\":\"Boiler checked\",\"visibility\":\"internal\"}",
                TestIdentity.bearer(agent, "agent"));
        long version = json(command("PUT", t + "/priority", "{\"priority\":\"high\"}")).get("version").asLong();

        // the agent's reply met the first-response target: the sweeper records it as the ticket's next event
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> json(query("GET",
                t + "/history?limit=100")).toString().contains("dev.docket.ticket.sla-fulfilled.v1"));
        JsonNode before = json(query("GET", t + "?minVersion=" + version));
        assertThat(before.get("title").asString()).contains(secrets.get(2));
        assertThat(json(query("GET", "/api/tickets?q=" + marker)).get("items")).hasSize(1);
        JsonNode countsBefore = json(query("GET", "/api/stats/status-counts"));
        int historyBefore = json(query("GET", t + "/history?limit=100")).get("items").size();

        JsonNode receipt = json(command("POST", "/api/users/" + requester + "/erasure",
                "{\"legalBasis\":\"GDPR Art. 17(1)(a)\",\"reason\":\"Request E2E-1\"}"));
        assertThat(receipt.get("receipt").get("personId").asString()).isEqualTo(requester);

        // the read side forgets the person: texts replaced, the search index rebuilt without them
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "[erased]".equals(json(query("GET", t)).get("requester").get("name").asString()));
        JsonNode after = json(query("GET", t));
        assertThat(after.get("title").asString()).isEqualTo("[erased]");
        assertThat(after.get("description").asString()).isEqualTo("[erased]");
        assertThat(after.get("comments").get(0).get("body").asString()).isEqualTo("[erased]");
        assertThat(after.get("comments").get(1).get("body").asString()).isEqualTo("We are on it");
        assertThat(after.get("attachments").get(0).get("fileName").asString()).isEqualTo("[erased]");
        for (String field : List.of("status", "priority", "version", "createdAt", "updatedAt", "counts", "assignee",
                "tags")) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(after.get("sla").get("clocks")).isEqualTo(before.get("sla").get("clocks"));
        assertThat(after.get("sla").get("clocks").get(0).get("status").asString()).isEqualTo("met");
        assertThat(after.get("requester").get("id")).isEqualTo(before.get("requester").get("id"));
        assertThat(json(query("GET", "/api/tickets?q=" + marker)).get("items")).isEmpty();
        assertThat(json(query("GET", "/api/stats/status-counts"))).isEqualTo(countsBefore);
        assertThat(json(query("GET", t + "/history?limit=100")).get("items")).hasSize(historyBefore);
        // past states honour the erasure: the ticket as it was when opened, and what changed since
        String past = query("GET", t + "?asOf=1").body() + query("GET", t + "/diff?from=1").body();
        assertThat(leaks(past, secrets)).isEmpty();
        assertThat(json(query("GET", t + "?asOf=1")).get("title").asString()).isEqualTo("[erased]");
        // the erased requester cannot sign in again, on either service
        assertThat(send(platform.queryUrl(t), "GET", null, asRequester).statusCode()).isEqualTo(401);
        assertThat(send(platform.commandUrl(t + "/comments"), "POST", "{\"body\":\"x\"}", asRequester).statusCode())
                .isEqualTo(401);

        Result verified = launcher("verify", platform.commandUrl(""), TestIdentity.bearer("auditor-e2e", "auditor"));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("\"intact\":true");
        // the audit export keeps the erased texts unreadable (sealed under the destroyed key) and still verifies
        HttpResponse<String> export = send(platform.commandUrl("/api/audit/export?ticket=" + ticket), "GET", null,
                TestIdentity.bearer("auditor-e2e", "auditor"));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(leaks(export.body(), secrets)).isEmpty();
        ExportVerifier.Report exported = ExportVerifier.verify(new java.io.ByteArrayInputStream(
                export.body().getBytes(StandardCharsets.UTF_8)), ExportVerifier.publicKey(
                TestIdentity.keys().checkpointPublicKeyBase64()));
        assertThat(exported.problems()).isEmpty();
        assertThat(exported.intact()).isTrue();
        Result checked = launcher("check", platform.queryUrl(""), TestIdentity.admin());
        assertThat(checked.exitCode()).as(checked.output()).isZero();

        List<String> forms = new ArrayList<>(secrets);
        forms.add(email);
        List<String> everywhere = new ArrayList<>(forms);
        forms.forEach(s -> everywhere.add(HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8))));
        everywhere.add(HexFormat.of().formatHex(content));
        assertThat(leaks(dump(platform.commandDb), everywhere)).as("command database").isEmpty();
        assertThat(leaks(dump(platform.queryDb), everywhere)).as("query database").isEmpty();
        assertThat(leaks(topicBytes(), forms)).as("the topic").isEmpty();
        for (String log : List.of("command-service.log", "query-service.log")) {
            assertThat(leaks(Files.readString(Path.of("target", "e2e-logs", log)), forms)).as(log).isEmpty();
        }

        // a rebuild of every read model gives the rows the erasure left
        int active = json(query("GET", "/api/admin/read-models")).get("activeGeneration").asInt();
        assertThat(query("POST", "/api/admin/read-models/rebuild").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> json(query("GET", "/api/admin/read-models")).get("activeGeneration").asInt() != active);
        int rebuilt = json(query("GET", "/api/admin/read-models")).get("activeGeneration").asInt();
        for (String table : List.of("person", "ticket", "ticket_comment", "ticket_attachment", "audit_entry",
                "sealed_text", "ticket_count_by_status", "ticket_count_by_priority", "ticket_count_by_assignee",
                "ticket_sla_fact", "ticket_field_history")) {
            assertThat(rows(rebuilt, table)).as(table).isEqualTo(rows(active, table));
        }
        // a ticket applied before the policy's event (another partition) gets its clocks from the refresher, within
        // a second of the policy
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(rows(rebuilt, "ticket_sla_clock")).isEqualTo(rows(active, "ticket_sla_clock")));
    }

    /** The lines of {@code text} holding any of {@code secrets}, shortened, for a readable failure. */
    private static List<String> leaks(String text, List<String> secrets) {
        return text.lines().filter(line -> secrets.stream().anyMatch(line::contains))
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line).toList();
    }

    private static String week() {
        return String.join(",", Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
                .map(day -> "{\"day\":\"" + day + "\",\"from\":\"00:00\",\"to\":\"00:00\"}").toList());
    }

    /**
     * Every row of a read-model table in one generation, as text in a stable order. A ticket's search vector is
     * compared by its lexemes: their positions follow how comments arrived in batches, which a rebuild batches
     * differently. A count that fell to zero is a row in one generation and none in another: the same count.
     */
    private List<String> rows(int generation, String table) throws Exception {
        String schema = "rm_" + generation;
        List<String> rows = new ArrayList<>();
        try (Connection c = platform.queryDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + (table.equals("ticket")
                     ? "(to_jsonb(t) - 'search_vector' || jsonb_build_object('lexemes', strip(t.search_vector)::text))"
                     : "to_jsonb(t)") + "::text FROM " + schema + "." + table + " t"
                     + (table.startsWith("ticket_count_by") ? " WHERE t.tickets <> 0" : "") + " ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** A {@code pg_dump} of the database, as text (bytea columns appear as hex). */
    private static String dump(PostgresDatabase database) throws Exception {
        String url = database.jdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
        Process process = new ProcessBuilder(pgDump(), "-h", "127.0.0.1", "-U", database.username(), "--no-owner",
                name).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(dump).contains("COPY ");
        return dump;
    }

    private static String pgDump() throws IOException {
        for (Path candidate : List.of(Path.of("/usr/bin/pg_dump"), Path.of("/usr/local/bin/pg_dump"))) {
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pg_dump on this machine")).toString();
        }
    }

    /** Every record of the topic from its start: keys, header values and values, as text. */
    private String topicBytes() {
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "erasure-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(platform.topic));
            int empty = 0;
            long records = 0;
            while (empty < 6) {
                var polled = consumer.poll(Duration.ofMillis(500));
                empty = polled.isEmpty() && records > 0 ? empty + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : polled) {
                    records++;
                    all.append(record.key()).append(' ').append(new String(record.value(), StandardCharsets.UTF_8));
                    for (Header header : record.headers()) {
                        all.append(' ').append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    all.append('\n');
                }
            }
        }
        assertThat(all.toString()).contains("dev.docket.user.erased.v1");
        return all.toString();
    }

    private record Result(int exitCode, String output) {
    }

    /** A {@code ./docket} command as its own process, with the token an operator would pass it. */
    private static Result launcher(String command, String url, String bearer) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.docket.launcher.Docket", command, "--url", url)
                .redirectErrorStream(true);
        builder.environment().put("DOCKET_TOKEN", bearer.substring("Bearer ".length()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private String register(String role, String email, String name) throws Exception {
        return json(command("POST", "/api/users", "{\"email\":\"" + email + "\",\"displayName\":\"" + name
                + "\",\"role\":\"" + role + "\"}")).get("id").asString();
    }

    private HttpResponse<String> command(String method, String path, String body) throws Exception {
        return command(method, path, body, TestIdentity.admin());
    }

    private HttpResponse<String> command(String method, String path, String body, String bearer) throws Exception {
        return send(platform.commandUrl(path), method, body, bearer);
    }

    private HttpResponse<String> query(String method, String path) throws Exception {
        return send(platform.queryUrl(path), method, null, TestIdentity.admin());
    }

    private HttpResponse<String> send(String url, String method, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void upload(String path, String fileName, byte[] content, String bearer) throws Exception {
        String boundary = "docket-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl(path)))
                .header("Authorization", bearer).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
