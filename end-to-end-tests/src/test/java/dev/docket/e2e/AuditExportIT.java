package dev.docket.e2e;

import dev.docket.launcher.ExportVerifier;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit export, as an auditor takes it away: exported by the running command service, checked offline by
 * {@code ./docket verify --export} (and in-process by the same verifier), and every single-bit change of any byte,
 * every removed line and every swapped pair of lines is detected and located.
 */
class AuditExportIT extends AgainstRunningPlatform {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PublicKey key = ExportVerifier.publicKey(TestIdentity.keys().checkpointPublicKeyBase64());
    private final String auditor = TestIdentity.bearer("auditor-export", "auditor");

    @Test
    void anExportVerifiesOfflineAndEveryChangeToItIsLocated() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String requester = okJson(post("/api/users", "{\"email\":\"export-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Xena\",\"role\":\"requester\"}")).get("id").asString();
        String first = ticket(requester, "Export me");
        String second = ticket(requester, "Export me too");
        Instant end = Instant.now().plusSeconds(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> body("/api/audit/verify?ticket=" + second).contains("\"anchored\":1"));

        HttpResponse<byte[]> exported = export("?ticket=" + first);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(exported.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
                .contains(first);
        byte[] file = exported.body();
        ExportVerifier.Report report = ExportVerifier.verify(new ByteArrayInputStream(file), key);
        assertThat(report.problems()).isEmpty();
        assertThat(report.intact()).isTrue();
        // four events, and the service-level milestones the sweeper may have recorded under another test's policy
        assertThat(report.events()).isGreaterThanOrEqualTo(4);
        assertThat(report.aggregates()).isEqualTo(1);
        assertThat(report.checkpoints()).isPositive();

        // the command line, as an auditor runs it, with their copy of the key
        Path dir = Files.createDirectories(Path.of("target", "audit-export"));
        Path saved = Files.write(dir.resolve("ticket.jsonl"), file);
        Path pem = Files.writeString(dir.resolve("docket-audit.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + TestIdentity.keys().checkpointPublicKeyBase64() + "\n-----END PUBLIC KEY-----\n");
        Result intact = verify("--export", saved.toString(), "--public-key", pem.toString());
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("is intact").contains(report.events() + " events of 1 aggregates");

        List<byte[]> lines = lines(file);
        // every bit flip of every byte: detected, on the line of the byte
        int offset = 0;
        for (int line = 1; line <= lines.size(); line++) {
            int length = lines.get(line - 1).length + 1;
            for (int i = offset; i < offset + length; i++) {
                byte[] changed = file.clone();
                changed[i] ^= 1;
                ExportVerifier.Report tampered = ExportVerifier.verify(new ByteArrayInputStream(changed), key);
                assertThat(tampered.intact()).as("byte %d flipped", i).isFalse();
                assertThat(tampered.problems().getFirst().line()).as("byte %d flipped: %s", i, tampered.problems())
                        .isEqualTo(line);
            }
            offset += length;
        }
        // the key's base64 with a spare bit of its last character set decodes to the same key: refused on its line
        String header = new String(lines.getFirst(), StandardCharsets.UTF_8);
        String keyText = JSON.readTree(header).get("publicKey").asString();
        int last = keyText.indexOf('=') - 1;
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String spare = keyText.substring(0, last) + alphabet.charAt(alphabet.indexOf(keyText.charAt(last)) ^ 1)
                + keyText.substring(last + 1);
        List<byte[]> respelled = new ArrayList<>(lines);
        respelled.set(0, header.replace(keyText, spare).getBytes(StandardCharsets.UTF_8));
        ExportVerifier.Report sameKey = ExportVerifier.verify(new ByteArrayInputStream(join(respelled)), key);
        assertThat(sameKey.intact()).isFalse();
        assertThat(sameKey.problems().getFirst().line()).as("%s", sameKey.problems()).isEqualTo(1);

        // every line removed, and every pair of neighbours swapped
        for (int line = 1; line <= lines.size(); line++) {
            List<byte[]> without = new ArrayList<>(lines);
            byte[] removed = without.remove(line - 1);
            ExportVerifier.Report tampered = ExportVerifier.verify(new ByteArrayInputStream(join(without)), key);
            assertThat(tampered.intact()).as("line %d removed", line).isFalse();
            JsonNode gone = JSON.readTree(removed);
            long at = line;
            assertThat(tampered.problems()).as("line %d removed", line).anySatisfy(problem -> {
                if (gone.has("link")) {
                    assertThat(problem.line() == at || (problem.aggregateId() != null
                            && problem.aggregateId().equals(gone.get("aggregateId").asString())
                            && problem.sequence() != null
                            && problem.sequence() == gone.get("sequenceNumber").asLong())).isTrue();
                } else if (gone.has("checkpoint")) {
                    assertThat(problem.detail()).contains("checkpoint");
                } else {
                    assertThat(problem.line()).isIn(at, (long) lines.size() - 1);
                }
            });
            if (line < lines.size()) {
                List<byte[]> swapped = new ArrayList<>(lines);
                swapped.set(line - 1, lines.get(line));
                swapped.set(line, lines.get(line - 1));
                ExportVerifier.Report reordered = ExportVerifier.verify(new ByteArrayInputStream(join(swapped)), key);
                assertThat(reordered.intact()).as("lines %d and %d swapped", line, line + 1).isFalse();
                assertThat(reordered.problems().getFirst().line()).as("lines %d and %d swapped", line, line + 1)
                        .isIn((long) line, (long) line + 1);
            }
        }
        // the key the file names is not trusted blindly: another key's copy rejects it
        PublicKey other = ExportVerifier.publicKey(dev.docket.identity.local.LocalKeys.generate()
                .checkpointPublicKeyBase64());
        assertThat(ExportVerifier.verify(new ByteArrayInputStream(file), other).intact()).isFalse();

        // every ticket with an event in a period, each from its first event
        ExportVerifier.Report period = ExportVerifier.verify(new ByteArrayInputStream(export("?from=" + start + "&to="
                + end).body()), key);
        assertThat(period.problems()).isEmpty();
        assertThat(period.aggregates()).isEqualTo(2);
        assertThat(period.events()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void wrongScopesAreAnsweredWithProblems() throws Exception {
        assertThat(problem("")).contains("VALIDATION_FAILED").contains("from").contains("to");
        assertThat(problem("?ticket=nope")).contains("VALIDATION_FAILED").contains("ticket");
        assertThat(problem("?ticket=" + UUID.randomUUID() + "&from=2026-01-01")).contains("not both");
        assertThat(problem("?from=2026-02-01&to=2026-01-01")).contains("must come after from");
        assertThat(problem("?from=yesterday&to=2026-01-01")).contains("from");
        HttpResponse<byte[]> unknown = export("?ticket=" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("TICKET_NOT_FOUND");
        HttpResponse<byte[]> empty = export("?from=2001-01-01&to=2001-01-02");
        assertThat(empty.statusCode()).isEqualTo(404);
    }

    private String problem(String query) throws Exception {
        HttpResponse<byte[]> response = export(query);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private String ticket(String requester, String title) throws Exception {
        String id = okJson(post("/api/tickets", "{\"title\":\"" + title + "\",\"description\":\"From \\\"export\\\"\","
                + "\"requesterId\":\"" + requester + "\"}")).get("id").asString();
        okJson(post("/api/tickets/" + id + "/comments", "{\"body\":\"Looking into it\",\"visibility\":\"internal\"}"));
        okJson(post("/api/tickets/" + id + "/comments", "{\"body\":\"Fixed: ünïcödé 🚀\"}"));
        okJson(sendToCommand("PUT", "/api/tickets/" + id + "/priority", "{\"priority\":\"urgent\"}"));
        return id;
    }

    private static List<byte[]> lines(byte[] file) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == '\n') {
                lines.add(Arrays.copyOfRange(file, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result verify(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "dev.docket.launcher.Docket", "verify"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private HttpResponse<byte[]> export(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl("/api/audit/export" + query)))
                .header("Authorization", auditor).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String body(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.commandUrl(path))).header("Authorization", auditor)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return sendToCommand("POST", path, body);
    }
}
