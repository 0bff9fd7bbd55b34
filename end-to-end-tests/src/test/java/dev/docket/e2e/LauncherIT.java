package dev.docket.e2e;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.testing.PostgresDatabase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./docket up}'s launcher, run from its jar as the script runs it. Killed outright ({@code kill -9}, so no
 * shutdown hook of its own runs), it leaves nothing behind: its services notice within seconds and stop, freeing
 * their ports. And a launcher started while services of an earlier one still run refuses, saying what to do. While
 * it runs, {@code ./docket mcp} serves the MCP tools on standard input and output to the SDK's own stdio client.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("docket.launcher.jar"));
    private static final Path REPOSITORY = Path.of(System.getProperty("docket.repository"));

    @Test
    void theServicesEndWhenTheLauncherIsKilledOutright(@TempDir Path home) throws Exception {
        int[] ports = LocalKafkaBroker.freePorts(6);
        String prefix = "e2elauncher" + UUID.randomUUID().toString().substring(0, 8);
        Path output = home.resolve("launcher.out");
        List<ProcessHandle> services = new ArrayList<>();
        // the launcher creates both databases; closing these drops them
        try (PostgresDatabase command = PostgresDatabase.named(prefix + "_command");
             PostgresDatabase query = PostgresDatabase.named(prefix + "_query")) {
            Process launcher = launcher(home, prefix, ports, output);
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.readString(output).contains("Docket is up.") || !launcher.isAlive());
                assertThat(launcher.isAlive()).as(Files.readString(output)).isTrue();
                services.addAll(launcher.toHandle().children().toList());
                assertThat(services).as("the command and the query service, the console and the MCP server")
                        .hasSize(4);
                anAgentWorksThroughTheStdioEntry(home, ports);

                long killed = System.nanoTime();
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> services.stream().noneMatch(ProcessHandle::isAlive));
                System.out.printf("Launcher killed: its services were gone %.1f s later%n",
                        (System.nanoTime() - killed) / 1e9);
                assertThat(isFree(ports[2])).as("the command service's port").isTrue();
                assertThat(isFree(ports[3])).as("the query service's port").isTrue();
                assertThat(isFree(ports[4])).as("the console's port").isTrue();
                assertThat(isFree(ports[5])).as("the MCP server's port").isTrue();
            } finally {
                launcher.destroyForcibly();
                services.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aLauncherRefusesToStartOverServicesLeftRunning(@TempDir Path home) throws Exception {
        // this test's own JVM plays a service an earlier launcher noted and left behind
        long pid = ProcessHandle.current().pid();
        Files.writeString(home.resolve("services.pid"), "java " + pid + "\n");
        Path output = home.resolve("launcher.out");
        Process launcher = launcher(home, "e2eorphans", LocalKafkaBroker.freePorts(6), output);

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output)).contains("still running").contains("java pid " + pid)
                .contains("kill " + pid);
    }

    private static Process launcher(Path home, String prefix, int[] ports, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Docket.jvmOptions());
        command.addAll(List.of("-Ddocket.repository=" + REPOSITORY, "-jar", LAUNCHER.toString(), "up"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOCKET_HOME", home.toString(),
                "DOCKET_DB_HOST", PostgresDatabase.serverHost(),
                "DOCKET_DB_PORT", PostgresDatabase.serverPort(),
                "DOCKET_DB_USER", PostgresDatabase.serverUser(),
                "DOCKET_DB_PASSWORD", PostgresDatabase.serverPassword(),
                "DOCKET_DB_PREFIX", prefix,
                "DOCKET_KAFKA_PORT", Integer.toString(ports[0]),
                "DOCKET_KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]),
                "DOCKET_COMMAND_PORT", Integer.toString(ports[2]),
                "DOCKET_QUERY_PORT", Integer.toString(ports[3])));
        environment.put("DOCKET_CONSOLE_PORT", Integer.toString(ports[4]));
        environment.put("DOCKET_MCP_PORT", Integer.toString(ports[5]));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * {@code ./docket mcp --user ... --role agent}, started by the MCP SDK's stdio client as a desktop client starts
     * it: it lists the tools, opens a ticket (changes switched on with {@code DOCKET_MCP_WRITES}) and reads it back
     * through the running platform, with the actor its local token names.
     */
    private static void anAgentWorksThroughTheStdioEntry(Path home, int[] ports) throws Exception {
        String admin = new LocalTokens(LocalKeys.loadOrCreate(
                home.resolve("keys")).tokenPrivateKey()).mint("launcher-admin", List.of("admin"), Duration.ofMinutes(5));
        HttpResponse<String> registered = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + ports[2] + "/api/users"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"email":"stdio@example.com","displayName":"Stdio Requester","role":"requester"}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonMapper json = JsonMapper.builder().build();
        String requester = json.readTree(registered.body()).path("id").asString();

        List<String> arguments = new ArrayList<>(Docket.jvmOptions());
        arguments.addAll(List.of("-Ddocket.repository=" + REPOSITORY, "-jar", LAUNCHER.toString(), "mcp",
                "--user", "stdio-agent", "--role", "agent"));
        ServerParameters server = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args(arguments)
                .env(Map.of("DOCKET_HOME", home.toString(), "DOCKET_COMMAND_PORT", Integer.toString(ports[2]),
                        "DOCKET_QUERY_PORT", Integer.toString(ports[3]), "DOCKET_MCP_WRITES", "all"))
                .build();
        try (McpSyncClient client = McpClient.sync(
                        new StdioClientTransport(server,
                                new JacksonMcpJsonMapper(json)))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60))
                .jsonSchemaValidator((schema, content) ->
                        JsonSchemaValidator.ValidationResponse.asValid(null))
                .build()) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .contains("search_tickets", "open_ticket", "add_internal_note");
            JsonNode opened = json.valueToTree(client.callTool(
                    new McpSchema.CallToolRequest("open_ticket", Map.of(
                            "title", "Opened over stdio", "requesterId", requester, "idempotencyKey", "stdio-1")))
                    .structuredContent());
            String id = opened.path("ticketId").asString();
            assertThat(id).as(opened.toString()).isNotBlank();
            // a platform just started may still be joining its consumer group: the read asks to be retried
            JsonNode history = await().atMost(Duration.ofSeconds(90)).until(() -> json.<JsonNode>valueToTree(
                    client.callTool(new McpSchema.CallToolRequest("get_ticket_history", Map.of(
                            "ticketId", id, "minVersion", 1))).structuredContent()),
                    answer -> !answer.path("error").path("code").asString().equals("READ_MODEL_BEHIND"));
            assertThat(history.path("events").path(0).path("actor").asString()).as(history.toString())
                    .isEqualTo("stdio-agent");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
