package dev.docket.e2e;

import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consistency check, through {@code ./docket check}, against both packaged services: the read models agree
 * with the event store after real traffic (version, status, archived, counts), and each divergence made by hand in
 * the read models is reported with its ticket and field.
 */
class ConsistencyCheckIT extends AgainstRunningPlatform {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void agreesAfterRealTrafficAndReportsEachDivergence() throws Exception {
        String requester = okJson(post("/api/users", "{\"email\":\"check-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Cleo\",\"role\":\"requester\"}")).get("id").asString();
        List<String> tickets = new ArrayList<>();
        long lastVersion = 0;
        for (int i = 0; i < 12; i++) {
            String id = okJson(post("/api/tickets", "{\"title\":\"Checked " + i + "\",\"requesterId\":\"" + requester
                    + "\"}")).get("id").asString();
            tickets.add(id);
            post("/api/tickets/" + id + "/comments", "{\"body\":\"public " + i + "\"}");
            post("/api/tickets/" + id + "/comments", "{\"body\":\"note " + i + "\",\"visibility\":\"internal\"}");
            lastVersion = okJson(sendToCommand("PUT", "/api/tickets/" + id + "/status", "{\"status\":\"in_progress\"}"))
                    .get("version").asLong();
            if (i % 3 == 0) {
                lastVersion = okJson(post("/api/tickets/" + id + "/archive", "{\"reason\":\"done\"}")).get("version")
                        .asLong();
            }
        }
        assertThat(http.send(authorized(URI.create(platform.queryUrl("/api/tickets/" + tickets.getLast()
                + "?minVersion=" + lastVersion))).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        Result clean = check();
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("\"ticketsChecked\":12", "\"divergences\":0,");

        try (Connection c = platform.queryDb.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE rm_1.ticket SET status = 'resolved' WHERE id = '" + tickets.get(1) + "'");
            s.executeUpdate("UPDATE rm_1.ticket SET public_comment_count = 7 WHERE id = '" + tickets.get(2) + "'");
            s.executeUpdate("DELETE FROM rm_1.ticket WHERE id = '" + tickets.get(4) + "'");
            // a change the field history lost: the status before it is still the one held
            s.executeUpdate("DELETE FROM rm_1.ticket_field_history WHERE ticket_id = '" + tickets.get(5) + "' AND "
                    + "field = 'status' AND to_version IS NULL");
            s.executeUpdate("UPDATE rm_1.ticket_field_history SET to_version = NULL, to_time = NULL WHERE ticket_id = '"
                    + tickets.get(5) + "' AND field = 'status'");
        }
        Result diverged = check();
        assertThat(diverged.exitCode()).as(diverged.output()).isEqualTo(1);
        JsonNode report = JSON.readTree(diverged.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        List<String> found = new ArrayList<>();
        report.get("items").forEach(item -> found.add(item.get("ticketId").asString() + " " + item.get("field")
                .asString() + " " + item.get("eventStore").asString() + "->" + item.get("readModel").asString()));
        assertThat(found).contains(
                tickets.get(1) + " status in_progress->resolved",
                tickets.get(2) + " publicComments 1->7",
                tickets.get(4) + " presence present->absent",
                tickets.get(5) + " history.status in_progress->open");
    }

    private record Result(int exitCode, String output) {
    }

    /** {@code ./docket check} as its own process, with an admin's token as an operator would pass it. */
    private Result check() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.docket.launcher.Docket", "check",
                "--url", platform.queryUrl("")).redirectErrorStream(true);
        builder.environment().put("DOCKET_TOKEN", TestIdentity.admin().substring("Bearer ".length()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return sendToCommand("POST", path, body);
    }
}
