package dev.docket.launcher;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.kafka.local.LocalKafkaBroker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ./docket up}: the whole platform on this machine. Ctrl-C stops the services gracefully, then Kafka.
 */
public final class Docket {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final LocalSettings settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalKafkaBroker broker;

    private Docket(LocalSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Path repository = Path.of(System.getProperty("docket.repository", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "up" -> {
                LocalSettings settings;
                try {
                    settings = LocalSettings.from(System.getenv(), repository);
                } catch (IllegalArgumentException e) {
                    System.err.println("Docket: " + e.getMessage());
                    System.exit(2);
                    return;
                }
                System.exit(new Docket(settings).up());
            }
            case "token" -> {
                try {
                    System.out.println(TokenCommand.run(List.of(args).subList(1, args.length),
                            LocalSettings.from(System.getenv(), repository).home()));
                } catch (IllegalArgumentException e) {
                    System.err.println("Docket: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "verify" -> {
                try {
                    System.exit(VerifyCommand.run(List.of(args).subList(1, args.length),
                            LocalSettings.from(System.getenv(), repository), System.getenv("DOCKET_TOKEN")));
                } catch (IllegalArgumentException | java.io.IOException e) {
                    System.err.println("Docket: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "check" -> {
                try {
                    System.exit(CheckCommand.run(List.of(args).subList(1, args.length),
                            LocalSettings.from(System.getenv(), repository), System.getenv("DOCKET_TOKEN")));
                } catch (IllegalArgumentException | java.io.IOException e) {
                    System.err.println("Docket: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "mcp" -> {
                try {
                    System.exit(McpCommand.run(List.of(args).subList(1, args.length),
                            LocalSettings.from(System.getenv(), repository), System.getenv()));
                } catch (IllegalArgumentException | java.io.IOException e) {
                    System.err.println("Docket: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "help", "-h", "--help" -> usage();
            default -> {
                System.err.println("Unknown command: " + command);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.out.println("""
                Usage: ./docket up
                       ./docket token --user <subject> --role <role> [--role <role>...] [--ttl <duration>]
                       ./docket verify [--ticket <id>] [--url <command service URL>]
                       ./docket verify --export <file> [--public-key <file>]
                       ./docket check [--url <query service URL>]
                       ./docket mcp [--user <subject> --role <role>...]

                  up     Run Docket locally: an in-process Kafka broker, the command service, the query service, the
                         console and the MCP server, on the local PostgreSQL. Ctrl-C stops everything.
                  token  Print a bearer token from the local signing key, which only a local run trusts. The subject
                         is the caller (a person's user id, for requesters); roles: requester, agent, admin, auditor.
                         --ttl is an ISO-8601 or short duration (8h, 30m); default 8h.
                  verify Check the audit trail: every event's hash chain and the signed checkpoints. Exits 0 when
                         intact, 1 when not (the report names the ticket and sequence number), 2 when it cannot run.
                         Signs its own auditor token against a local run; elsewhere set DOCKET_TOKEN.
                         With --export: check an audit export (GET /api/audit/export) offline, without Docket: every
                         line, chain link, checkpoint and the seal; each problem names its line. --public-key: your
                         copy of the checkpoint public key (PEM or base64); without it, the key the file names.
                  check  Compare the event store with every read model, ticket by ticket. Exits 0 when they agree,
                         1 when they diverge (each divergence is listed), 2 when it cannot run. Admin token as above.
                  mcp    Serve Docket's MCP tools to a desktop AI client on standard input and output, against a
                         running ./docket up. It acts with DOCKET_TOKEN, or with a local token for --user and --role
                         (as ./docket token makes). Writes follow DOCKET_MCP_WRITES (none by default, all, or a list).

                Settings (environment): DOCKET_DB_HOST, DOCKET_DB_PORT, DOCKET_DB_USER, DOCKET_DB_PASSWORD,
                DOCKET_DB_PREFIX (databases <prefix>_command and <prefix>_query; default docket), DOCKET_KAFKA_PORT, DOCKET_KAFKA_CONTROLLER_PORT, DOCKET_COMMAND_PORT, DOCKET_QUERY_PORT, DOCKET_CONSOLE_PORT, DOCKET_MCP_PORT,
                DOCKET_MCP_WRITES (which changing MCP tools to offer: none, all, or a comma-separated list), DOCKET_HOME.""");
    }

    private int up() throws Exception {
        Path commandJar = jar("command-service");
        Path queryJar = jar("query-service");
        Path consoleJar = jar("console");
        Path mcpJar = jar("mcp-server");
        List<String> orphans = orphans();
        if (!orphans.isEmpty()) {
            System.err.println("Docket: services of an earlier ./docket up are still running (" + String.join(", ",
                    orphans) + "). Stop them first: kill " + String.join(" ", orphans.stream()
                    .map(o -> o.substring(o.lastIndexOf(' ') + 1)).toList()));
            return 1;
        }
        for (int port : List.of(settings.kafkaPort(), settings.kafkaControllerPort(), settings.commandPort(),
                settings.queryPort(), settings.consolePort(), settings.mcpPort())) {
            if (!isFree(port)) {
                System.err.println("Port " + port + " is already in use (is Docket already running?). "
                        + "Stop what uses it or choose other ports with DOCKET_*_PORT.");
                return 1;
            }
        }
        System.out.println("Docket: checking PostgreSQL at " + settings.dbHost() + ":" + settings.dbPort());
        try {
            LocalDatabases.ensure(settings);
        } catch (LocalDatabases.Unreachable e) {
            System.err.println(e.getMessage());
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown();
            stopped.countDown();
        }, "docket-shutdown"));

        System.out.println("Docket: starting Kafka on 127.0.0.1:" + settings.kafkaPort());
        Files.createDirectories(settings.logs());
        broker = LocalKafkaBroker.start(settings.home().resolve("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort(), Duration.ofSeconds(60));

        System.out.println("Docket: starting command-service, query-service, the console and the MCP server (logs in "
                + settings.logs() + ")");
        services.add(ServiceProcess.start("command-service", commandJar, environment(),
                settings.commandPort(), settings.logs().resolve("command-service.log"), jvmOptions()));
        services.add(ServiceProcess.start("query-service", queryJar, environment(),
                settings.queryPort(), settings.logs().resolve("query-service.log"), jvmOptions()));
        services.add(ServiceProcess.start("console", consoleJar, consoleEnvironment(),
                settings.consolePort(), settings.logs().resolve("console.log"), jvmOptions()));
        services.add(ServiceProcess.start("mcp-server", mcpJar, mcpEnvironment(),
                settings.mcpPort(), settings.logs().resolve("mcp-server.log"), jvmOptions()));
        Files.writeString(pidFile(), String.join("\n", services.stream()
                .map(service -> service.name() + " " + service.handle().pid()).toList()) + "\n");
        try {
            for (ServiceProcess service : services) {
                service.awaitHealthy(STARTUP_TIMEOUT);
            }
        } catch (IllegalStateException e) {
            System.err.println("Docket: " + e.getMessage());
            return 1;
        }
        printWelcome();

        while (stopped.getCount() > 0) {
            Optional<ServiceProcess> died = services.stream().filter(s -> !s.isAlive()).findFirst();
            if (died.isPresent()) {
                System.err.println("Docket: " + died.get().name() + " stopped unexpectedly. Last lines of "
                        + died.get().log() + ":\n" + died.get().tail(40));
                return 1;
            }
            Thread.sleep(1_000);
        }
        return 0;
    }

    /** Where the running services' pids are noted, so a later start can tell they were left behind. */
    private Path pidFile() {
        return settings.home().resolve("services.pid");
    }

    /**
     * The services a launcher noted that are still alive, as {@code name pid}: left behind by a launcher that died
     * before its services noticed (they stop within seconds of it), or by one from before they watched it.
     */
    private List<String> orphans() throws IOException {
        if (!Files.exists(pidFile())) {
            return List.of();
        }
        List<String> alive = new ArrayList<>();
        for (String line : Files.readAllLines(pidFile())) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[1].matches("\\d{1,19}")) {
                ProcessHandle.of(Long.parseLong(parts[1])).filter(ProcessHandle::isAlive)
                        .filter(handle -> handle.info().commandLine().orElse("").contains(parts[0]))
                        .ifPresent(handle -> alive.add(parts[0] + " pid " + parts[1]));
            }
        }
        return alive;
    }

    private Map<String, String> environment() {
        LocalKeys keys = LocalKeys.loadOrCreate(settings.home().resolve(TokenCommand.KEYS_DIRECTORY));
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOCKET_AUTH_LOCAL_PUBLIC_KEY", keys.tokenPublicKeyBase64(),
                "DOCKET_CHECKPOINT_SIGNING_KEY", keys.checkpointPrivateKeyBase64(),
                "DOCKET_CHECKPOINT_PUBLIC_KEY", keys.checkpointPublicKeyBase64(),
                "DOCKET_KEY_ENCRYPTION_KEY", keys.keyEncryptionKeyBase64(),
                // the query service reads the data keys that open the topic's sealed fields as a consumer
                "DOCKET_DATA_KEYS_TOKEN", new LocalTokens(keys.tokenPrivateKey()).mint("query-service",
                        List.of("consumer"), Duration.ofDays(365))));
        environment.putAll(Map.of(
                "DOCKET_COMMAND_PORT", Integer.toString(settings.commandPort()),
                "DOCKET_QUERY_PORT", Integer.toString(settings.queryPort()),
                "DOCKET_COMMAND_DB_URL", settings.jdbcUrl(settings.commandDatabase()),
                "DOCKET_QUERY_DB_URL", settings.jdbcUrl(settings.queryDatabase()),
                "DOCKET_DB_USER", settings.dbUser(),
                "DOCKET_DB_PASSWORD", settings.dbPassword(),
                "DOCKET_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "DOCKET_QUERY_BASE_URL", "http://localhost:" + settings.queryPort()));
        // where the query service reads the data keys of sealed fields and the consistency check's side: without it,
        // a command service on another port than 8081 left every event with a sealed field unprojected
        environment.put("DOCKET_COMMAND_BASE_URL", "http://localhost:" + settings.commandPort());
        // the services end when this process does, even when it is killed outright and no shutdown hook runs
        environment.put("DOCKET_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        return environment;
    }

    /**
     * The console's: where the APIs answer, and the local identity's signing key, which turns on its local sign-in
     * (pick a person and a role), as {@code ./docket token} mints tokens from the same key.
     */
    private Map<String, String> consoleEnvironment() {
        Map<String, String> environment = clientEnvironment("DOCKET_CONSOLE_PORT", settings.consolePort());
        environment.put("DOCKET_CONSOLE_LOCAL_SIGNING_KEY", localKeys().tokenPrivateKeyBase64());
        return environment;
    }

    /**
     * The MCP server's: where the APIs answer and the local token key (it verifies tokens as they do). Its changing
     * tools stay off unless DOCKET_MCP_WRITES, inherited from this environment, switches them on.
     */
    private Map<String, String> mcpEnvironment() {
        Map<String, String> environment = clientEnvironment("DOCKET_MCP_PORT", settings.mcpPort());
        environment.put("DOCKET_AUTH_LOCAL_PUBLIC_KEY", localKeys().tokenPublicKeyBase64());
        return environment;
    }

    /** What a client of both APIs (the console, the MCP server) is told: its port and where the APIs answer. */
    private Map<String, String> clientEnvironment(String portVariable, int port) {
        return new HashMap<>(Map.of(
                portVariable, Integer.toString(port),
                "DOCKET_COMMAND_BASE_URL", "http://localhost:" + settings.commandPort(),
                "DOCKET_QUERY_BASE_URL", "http://localhost:" + settings.queryPort(),
                "DOCKET_PARENT_PID", Long.toString(ProcessHandle.current().pid())));
    }

    private LocalKeys localKeys() {
        return LocalKeys.loadOrCreate(settings.home().resolve(TokenCommand.KEYS_DIRECTORY));
    }

    /**
     * Modest heaps for a laptop, with the collector the services' image gets by default (G1): with the serial one, a
     * rebuild's batches in flight were promoted and collected in full pauses during which neither consumer worked
     * (BENCHMARKS.md, 2026-12-03). On JDK 23+, without the sun.misc.Unsafe warnings that Kafka triggers.
     */
    public static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC"));
        if (Runtime.version().feature() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    private void printWelcome() {
        String command = "http://localhost:" + settings.commandPort();
        String query = "http://localhost:" + settings.queryPort();
        System.out.println("""

                Docket is up. Open the console: http://localhost:%d  (sign in as anyone, or register someone)
                  MCP server    http://localhost:%d/mcp  (Streamable HTTP, bearer token; ./docket mcp for stdio;
                                tools read-only unless DOCKET_MCP_WRITES=all; see docs/agents.md)
                  command API   %s/api/tickets        (health: %s/actuator/health)
                  query API     %s/api/tickets        (health: %s/actuator/health)
                  Kafka         %s, topic docket.ticket-events
                  logs          %s

                Every call needs a bearer token; ./docket token prints one from the local key:
                  ADMIN=$(./docket token --user admin --role admin)
                Register someone, open a ticket for them, then read it back:
                  curl -s -X POST %s/api/users -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \\
                       -d '{"email":"ana@example.com","displayName":"Ana","role":"requester"}'
                  curl -i -X POST %s/api/tickets -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \\
                       -d '{"title":"Printer on fire","priority":"urgent","requesterId":"<id from the answer>"}'
                  curl -s -H "Authorization: Bearer $ADMIN" '%s/api/tickets/<id from the answer>?minVersion=1'

                Search, count, audit (a requester sees only their own tickets: --user <their id> --role requester):
                  curl -s -H "Authorization: Bearer $ADMIN" '%s/api/tickets?q=printer&status=open'
                  curl -s -H "Authorization: Bearer $ADMIN" %s/api/stats/status-counts
                  curl -s -H "Authorization: Bearer $(./docket token --user audit --role auditor)" %s/api/tickets/<id>/history

                Ctrl-C stops everything.
                """.formatted(settings.consolePort(), settings.mcpPort(), command, command, query, query, broker.bootstrapServers(), settings.logs(), command,
                command, query, query, query, query));
    }

    private synchronized void shutdown() {
        if (!services.isEmpty()) {
            System.out.println("\nDocket: stopping services...");
        }
        for (ServiceProcess service : services.reversed()) {
            service.stop(Duration.ofSeconds(30));
        }
        services.clear();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            System.err.println("Docket: could not remove " + pidFile() + ": " + e.getMessage());
        }
        if (broker != null) {
            System.out.println("Docket: stopping Kafka...");
            broker.close();
            broker = null;
            System.out.println("Docket: stopped.");
        }
    }

    private Path jar(String module) throws IOException {
        return jar(settings.repository(), module);
    }

    /** A module's runnable jar, as {@code ./mvnw package} leaves it. */
    static Path jar(Path repository, String module) throws IOException {
        Path target = repository.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no runnable jar in " + target + "; build with ./mvnw package"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(module + " is not built; build with ./mvnw package", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
