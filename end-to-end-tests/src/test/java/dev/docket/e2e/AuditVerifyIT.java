package dev.docket.e2e;

import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./docket verify} against the packaged services, as an auditor runs it: intact history exits 0; after one
 * byte of a stored event is changed in PostgreSQL it exits 1 and names the ticket and sequence number.
 */
class AuditVerifyIT extends AgainstRunningPlatform {

    @Test
    void theCommandLineVerifiesTheStoreAndLocatesATamperedEvent() throws Exception {
        String requester = json(post("/api/users", "{\"email\":\"verify-" + java.util.UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Vera\",\"role\":\"requester\"}")).get("id").asString();
        String ticket = json(post("/api/tickets", "{\"title\":\"Verify me\",\"requesterId\":\"" + requester + "\"}"))
                .get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> verifyOverHttp(ticket).contains("\"anchored\":1"));

        Result intact = verifyCommand("--ticket", ticket);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("\"intact\":true");

        try (Connection c = platform.commandDb.connect()) {
            c.createStatement().execute("SET session_replication_role = replica");
            try (PreparedStatement s = c.prepareStatement("UPDATE domain_event_entry SET payload = "
                    + "set_byte(payload, 20, get_byte(payload, 20) # 1) WHERE aggregate_identifier = ? AND sequence_number = 0")) {
                s.setString(1, ticket);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }

        Result tampered = verifyCommand();
        assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).contains("\"intact\":false").contains(ticket).contains("HASH_MISMATCH");
    }

    private record Result(int exitCode, String output) {
    }

    /** {@code ./docket verify} as its own process, with an auditor's token as an operator would pass it. */
    private Result verifyCommand(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.docket.launcher.Docket", "verify",
                "--url", platform.commandUrl("")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DOCKET_TOKEN", TestIdentity.bearer("auditor-cli", "auditor").substring("Bearer ".length()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private String verifyOverHttp(String ticket) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl("/api/audit/verify?ticket=" + ticket)))
                .header("Authorization", TestIdentity.bearer("auditor-1", "auditor")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(authorized(URI.create(platform.commandUrl(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static tools.jackson.databind.JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
    }
}
