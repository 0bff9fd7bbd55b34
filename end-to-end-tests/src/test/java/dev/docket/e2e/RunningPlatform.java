package dev.docket.e2e;

import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.ServiceProcess;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both services started from their packaged jars, as operators run them, on fresh databases and a fresh topic.
 * The processes get the same environment variables that docker-compose.yml and ./docket use.
 */
final class RunningPlatform implements AutoCloseable {

    final PostgresDatabase commandDb = PostgresDatabase.create("e2ecommand");
    final PostgresDatabase queryDb = PostgresDatabase.create("e2equery");
    final String topic = TestKafka.uniqueTopic("e2e");
    private final int[] ports = LocalKafkaBroker.freePorts(2);
    final int commandPort = ports[0];
    final int queryPort = ports[1];
    final ServiceProcess command;
    final ServiceProcess query;

    RunningPlatform() throws Exception {
        Path logs = Path.of("target", "e2e-logs");
        Map<String, String> env = new HashMap<>(Map.of(
                "DOCKET_AUTH_LOCAL_PUBLIC_KEY", TestIdentity.keys().tokenPublicKeyBase64(),
                "DOCKET_CHECKPOINT_SIGNING_KEY", TestIdentity.keys().checkpointPrivateKeyBase64(),
                "DOCKET_CHECKPOINT_PUBLIC_KEY", TestIdentity.keys().checkpointPublicKeyBase64(),
                "DOCKET_CHECKPOINT_TOPIC", TestKafka.uniqueTopic("e2e-checkpoints"),
                "DOCKET_CHECKPOINT_INTERVAL", "1s",
                "DOCKET_KEY_ENCRYPTION_KEY", TestIdentity.keys().keyEncryptionKeyBase64(),
                // the projector's line per applied event, to follow a request into the query service's log
                "LOGGING_LEVEL_DEV_DOCKET_QUERY_INGEST", "DEBUG"));
        env.putAll(Map.of(
                "DOCKET_COMMAND_PORT", Integer.toString(commandPort),
                "DOCKET_QUERY_PORT", Integer.toString(queryPort),
                "DOCKET_COMMAND_DB_URL", commandDb.jdbcUrl(),
                "DOCKET_QUERY_DB_URL", queryDb.jdbcUrl(),
                "DOCKET_DB_USER", commandDb.username(),
                "DOCKET_DB_PASSWORD", commandDb.password(),
                "DOCKET_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "DOCKET_KAFKA_TOPIC", topic,
                "DOCKET_QUERY_BASE_URL", "http://127.0.0.1:" + queryPort));
        env.put("DOCKET_COMMAND_BASE_URL", "http://127.0.0.1:" + commandPort);
        env.put("DOCKET_DATA_KEYS_TOKEN", dataKeysToken());
        List<String> jvm = dev.docket.launcher.Docket.jvmOptions();
        command = ServiceProcess.start("command-service", Path.of(System.getProperty("docket.command-service.jar")),
                env, commandPort, logs.resolve("command-service.log"), jvm);
        ServiceProcess started = null;
        try {
            started = ServiceProcess.start("query-service", Path.of(System.getProperty("docket.query-service.jar")),
                    env, queryPort, logs.resolve("query-service.log"), jvm);
            command.awaitHealthy(Duration.ofSeconds(120));
            started.awaitHealthy(Duration.ofSeconds(120));
        } catch (Exception | Error e) {
            // a platform that did not start leaves nothing running behind it
            if (started != null) {
                started.close();
            }
            command.close();
            commandDb.close();
            queryDb.close();
            throw e;
        }
        query = started;
    }

    private ServiceProcess console;
    private int consolePort;

    /**
     * The console, started on first use (most test classes do without it), with the local sign-in on: the test
     * identity's signing key, as {@code ./docket up} gives it the local one.
     */
    synchronized String consoleUrl(String path) throws Exception {
        if (console == null) {
            consolePort = LocalKafkaBroker.freePorts(1)[0];
            console = startConsole(consolePort, Map.of("DOCKET_CONSOLE_LOCAL_SIGNING_KEY",
                    TestIdentity.keys().tokenPrivateKeyBase64()), "console.log");
        }
        return "http://127.0.0.1:" + consolePort + path;
    }

    /**
     * Another console over the same services, configured by {@code settings} (a sign-in of its own, say); the caller
     * closes it.
     */
    ServiceProcess startConsole(int port, Map<String, String> settings, String log) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("DOCKET_CONSOLE_PORT", Integer.toString(port));
        env.put("DOCKET_COMMAND_BASE_URL", "http://127.0.0.1:" + commandPort);
        env.put("DOCKET_QUERY_BASE_URL", "http://127.0.0.1:" + queryPort);
        ServiceProcess started = ServiceProcess.start("console", Path.of(System.getProperty("docket.console.jar")),
                env, port, Path.of("target", "e2e-logs").resolve(log), dev.docket.launcher.Docket.jvmOptions());
        started.awaitHealthy(Duration.ofSeconds(120));
        return started;
    }

    private ServiceProcess mcp;
    private int mcpPort;

    /**
     * The MCP server, started on first use, with every changing tool switched on (out of the box it offers only
     * reads, which the MCP server's own tests show) and the test identity's key to verify tokens.
     */
    synchronized String mcpUrl() throws Exception {
        if (mcp == null) {
            mcpPort = LocalKafkaBroker.freePorts(1)[0];
            ServiceProcess started = ServiceProcess.start("mcp-server",
                    Path.of(System.getProperty("docket.mcp-server.jar")), Map.of(
                            "DOCKET_MCP_PORT", Integer.toString(mcpPort),
                            "DOCKET_MCP_WRITES", "all",
                            "DOCKET_AUTH_LOCAL_PUBLIC_KEY", TestIdentity.keys().tokenPublicKeyBase64(),
                            "DOCKET_COMMAND_BASE_URL", "http://127.0.0.1:" + commandPort,
                            "DOCKET_QUERY_BASE_URL", "http://127.0.0.1:" + queryPort),
                    mcpPort, Path.of("target", "e2e-logs").resolve("mcp-server.log"),
                    dev.docket.launcher.Docket.jvmOptions());
            try {
                started.awaitHealthy(Duration.ofSeconds(120));
            } catch (Exception | Error e) {
                started.close();
                throw e;
            }
            mcp = started;
        }
        return "http://127.0.0.1:" + mcpPort;
    }

    String commandUrl(String path) {
        return "http://127.0.0.1:" + commandPort + path;
    }

    String queryUrl(String path) {
        return "http://127.0.0.1:" + queryPort + path;
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        if (mcp != null) {
            mcp.close();
        }
        command.close();
        query.close();
        commandDb.close();
        queryDb.close();
    }

    /** A token with the consumer role for the query service, to read the data keys of sealed fields. */
    static String dataKeysToken() {
        return TestIdentity.tokens().mint("query-service", List.of("consumer"), Duration.ofHours(6));
    }
}
