package dev.docket.bench;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.launcher.ServiceProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What an agent pays for reading through the MCP server instead of the query API: {@code search_tickets} and
 * {@code get_ticket} called with the MCP SDK's client over Streamable HTTP, beside the same reads sent straight to
 * the query API with the same token, alternately in one run, against a query service on a loaded read model. The MCP
 * server is the packaged jar, as {@code ./docket up} runs it. Options: {@code --tickets} (100,000), {@code
 * --iterations} (300 each), {@code --database} (docket_bench_mcp; a database already holding as many tickets is
 * reused), {@code --out} (bench/results), {@code --profile} (records the MCP server with Java Flight Recorder into
 * {@code <out>/logs/mcp-server.jfr}).
 */
final class McpBenchmark {

    private static final String UNRESOLVED = "status IN (open, in_progress, waiting_on_customer)";
    private static final int WARM_UP = 50;

    private final Map<String, String> options;
    private final BenchDatabase databases = BenchDatabase.fromEnvironment();
    private final LocalKeys keys = LocalKeys.generate();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> report = new ArrayList<>();

    private McpBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new McpBenchmark(Bench.options(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "100000"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "300"));
        String database = options.getOrDefault("database", "docket_bench_mcp");
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        Path logs = Files.createDirectories(out.resolve("logs"));
        boolean reuse = databases.holdsTickets(database, tickets);
        if (!reuse) {
            databases.recreate(database);
        }
        ServiceProcess mcp = null;
        try (ConfigurableApplicationContext context = databases.queryService(database, keys)) {
            String query = BenchDatabase.baseUrl(context);
            String load = reuse ? "reused" : QueryBenchmark.load(context, tickets);
            String agent;
            List<String> ids = new ArrayList<>();
            long count;
            try (Connection db = databases.connect(database); Statement statement = db.createStatement()) {
                statement.execute("ANALYZE");
                agent = BenchDatabase.single(statement,
                        "SELECT id::text FROM rm_1.person WHERE role = 'agent' ORDER BY id LIMIT 1");
                count = Long.parseLong(BenchDatabase.single(statement, "SELECT count(*) FROM rm_1.ticket"));
                try (var rs = statement.executeQuery("SELECT id::text FROM rm_1.ticket ORDER BY id LIMIT 200")) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            int port = LocalKafkaBroker.freePorts(1)[0];
            mcp = startMcpServer(port, query, logs);
            String token = new LocalTokens(keys.tokenPrivateKey()).mint(agent, List.of("agent"), Duration.ofHours(2));

            // each read, for the i-th call: its tool's arguments, and the same read as the query API's path
            String urgent = "priority = urgent AND assignee = none AND " + UNRESOLVED;
            Map<String, IntFunction<Read>> reads = new LinkedHashMap<>();
            reads.put("search_tickets: open, most recently updated, 25", i -> new Read("search_tickets",
                    Map.of("filter", UNRESOLVED, "sort", "-updated", "limit", 25),
                    "/api/tickets?filter=" + encode(UNRESOLVED) + "&sort=-updated&limit=25"));
            reads.put("search_tickets: q=printer, relevance, 25", i -> new Read("search_tickets",
                    Map.of("q", "printer", "limit", 25), "/api/tickets?q=printer&limit=25"));
            reads.put("search_tickets: urgent and unassigned, by title, 25", i -> new Read("search_tickets",
                    Map.of("filter", urgent, "sort", "title", "limit", 25),
                    "/api/tickets?filter=" + encode(urgent) + "&sort=title&limit=25"));
            reads.put("get_ticket: 200 tickets in turn", i -> new Read("get_ticket",
                    Map.of("ticketId", ids.get(i % ids.size())), "/api/tickets/" + ids.get(i % ids.size())));

            report.add("## MCP beside the query API at " + String.format("%,d", count) + " tickets (" + load + "), "
                    + LocalDate.now() + ", " + iterations + " calls each, alternating (and which goes first)");
            report.add("");
            report.add("| read | through MCP, p50 / p99 ms | baseline: the query API directly, p50 / p99 ms |");
            report.add("|---|---|---|");
            try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                            .builder("http://127.0.0.1:" + port)
                            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                            .build())
                    .requestTimeout(Duration.ofSeconds(60))
                    // Docket's tools declare no output schema: nothing to check an answer against
                    .jsonSchemaValidator((schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null))
                    .build()) {
                client.initialize();
                for (Map.Entry<String, IntFunction<Read>> entry : reads.entrySet()) {
                    Latencies throughMcp = new Latencies();
                    Latencies direct = new Latencies();
                    for (int i = 0; i < iterations + WARM_UP; i++) {
                        Read read = entry.getValue().apply(i);
                        // which goes first alternates: the second of two identical reads finds the database's
                        // pages (and the plan) the first one warmed
                        long mcpTook;
                        long directTook;
                        McpSchema.CallToolResult result;
                        if (i % 2 == 0) {
                            long started = System.nanoTime();
                            result = callTool(client, read);
                            mcpTook = System.nanoTime() - started;
                            started = System.nanoTime();
                            callApi(query, token, read);
                            directTook = System.nanoTime() - started;
                        } else {
                            long started = System.nanoTime();
                            callApi(query, token, read);
                            directTook = System.nanoTime() - started;
                            started = System.nanoTime();
                            result = callTool(client, read);
                            mcpTook = System.nanoTime() - started;
                        }
                        if (i >= WARM_UP) {
                            throwIfEmpty(result);
                            throughMcp.add(mcpTook);
                            direct.add(directTook);
                        }
                    }
                    report.add("| " + entry.getKey() + " | " + throughMcp.p50p99() + " | " + direct.p50p99() + " |");
                    System.out.println(report.getLast());
                }
            }
        } finally {
            if (mcp != null) {
                mcp.stop(Duration.ofSeconds(10));
            }
        }
        Files.createDirectories(out);
        Path file = out.resolve("mcp-" + LocalDate.now() + ".md");
        Files.writeString(file, String.join("\n", report) + "\n");
        System.out.println("\nWritten to " + file);
    }

    /** A read as a tool call and as the query API's path. */
    private record Read(String tool, Map<String, Object> arguments, String path) {
    }

    private static McpSchema.CallToolResult callTool(McpSyncClient client, Read read) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(read.tool(), read.arguments()));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(read.tool() + " answered " + result.content());
        }
        return result;
    }

    private void callApi(String query, String token, Read read) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query + read.path()))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(read.path() + " answered " + answer.statusCode());
        }
    }

    private static void throwIfEmpty(McpSchema.CallToolResult result) {
        if (result.structuredContent() == null) {
            throw new IllegalStateException("a tool answered without structured content: " + result.content());
        }
    }

    private ServiceProcess startMcpServer(int port, String query, Path logs) throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("mcp-server", "target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in mcp-server/target"));
        }
        Path log = logs.resolve("mcp-server.log");
        Files.deleteIfExists(log);
        List<String> jvm = new ArrayList<>(Docket.jvmOptions());
        if (options.containsKey("profile")) {
            jvm.add("-XX:StartFlightRecording=filename=" + logs.resolve("mcp-server.jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        ServiceProcess process = ServiceProcess.start("mcp-server", jar, Map.of(
                "DOCKET_MCP_PORT", Integer.toString(port),
                "DOCKET_QUERY_BASE_URL", query,
                // reads only: nothing here changes a ticket
                "DOCKET_COMMAND_BASE_URL", "http://127.0.0.1:9",
                "DOCKET_AUTH_LOCAL_PUBLIC_KEY", keys.tokenPublicKeyBase64(),
                "LOGGING_LEVEL_ROOT", "WARN"), port, log, jvm);
        process.awaitHealthy(Duration.ofMinutes(2));
        return process;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
