package dev.docket.bench;

import dev.docket.events.AttachmentId;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.DocketEvent;
import dev.docket.events.Priority;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.UserId;
import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.launcher.ExportVerifier;
import dev.docket.launcher.ServiceProcess;
import dev.docket.query.ingest.Projector;
import dev.docket.query.ingest.Projectors;
import dev.docket.query.readmodel.ReadModelGenerations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Time travel's costs, each beside its baseline in the same run:
 * <ol>
 *   <li>the ticket as of a version or an instant, and diffs, through the query API, on tickets of 1,000 and 10,000
 *       events among a few thousand others, beside the live view of the same ticket (the same answer, kept
 *       current);</li>
 *   <li>the audit export of a store of tickets through the command service, and its offline verification, in events
 *       per second, beside the service's own check of the same store ({@code GET /api/audit/verify}).</li>
 * </ol>
 * See bench/README.md.
 */
final class HistoryBenchmark {

    private static final String TOPIC = "bench";
    private static final int BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> options;
    private final BenchDatabase databases = BenchDatabase.fromEnvironment();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalKeys keys = LocalKeys.generate();
    private final LocalTokens tokens = new LocalTokens(keys.tokenPrivateKey());
    private final List<String> rows = new ArrayList<>();

    private HistoryBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new HistoryBenchmark(Bench.options(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "200"));
        int background = Integer.parseInt(options.getOrDefault("tickets", "50000"));
        int exportEvents = Integer.parseInt(options.getOrDefault("export-events", "20000"));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        List<String> phases = List.of(options.getOrDefault("phases", "asof,export").split(","));
        if (phases.contains("asof")) {
            timeTravel(iterations, background);
        }
        if (phases.contains("export")) {
            export(exportEvents);
        }
        Files.createDirectories(out);
        String date = LocalDate.now().toString();
        String table = "History benchmark, " + date + ", " + iterations + " iterations per read\n\n"
                + "| what | figure | baseline in the same run |\n|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.writeString(out.resolve("history-" + date + ".md"), table);
        System.out.println("\n" + table + "\nWritten to " + out.toAbsolutePath());
    }

    // ---------------------------------------------------------------- as of, diff

    private void timeTravel(int iterations, int background) throws Exception {
        String database = "docket_bench_history";
        databases.recreate(database);
        try (ConfigurableApplicationContext context = databases.queryService(database, keys)) {
            String base = BenchDatabase.baseUrl(context);
            Projector projector = context.getBean(Projectors.class).create(context.getBean(ReadModelGenerations.class)
                    .active());
            TicketGenerator generator = new TicketGenerator(1);
            long[] offset = {0};
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            java.util.function.Consumer<TicketGenerator.EventWithMeta> sink = e -> {
                batch.add(TicketGenerator.record(TOPIC, 0, offset[0]++, e));
                if (batch.size() == BATCH) {
                    projector.applyAll(batch, Map.of());
                    batch.clear();
                }
            };
            generator.people(sink);
            for (int n = 0; n < background; n++) {
                generator.ticket(n, sink);
            }
            List<TicketId> tickets = new ArrayList<>();
            for (int events : List.of(1_000, 10_000)) {
                TicketId id = new TicketId(new java.util.UUID(0x7D, events));
                longTicket(id, events, generator, sink);
                tickets.add(id);
            }
            projector.applyAll(batch, Map.of());
            batch.clear();
            try (Connection db = databases.connect(database); Statement statement = db.createStatement()) {
                statement.execute("VACUUM ANALYZE");
            }
            String agent = "Bearer " + tokens.mint("bench-agent", List.of("agent"), Duration.ofHours(2));
            Random random = new Random(7);
            // the past in searches: WAS and CHANGED beside the same field's present value, on the same tickets
            String scale = String.format("%,d tickets", background + 2);
            String present = "status = waiting_on_customer";
            Latencies now = measure(iterations, () -> search(base, agent, present));
            for (String past : List.of("status WAS waiting_on_customer DURING (2026-06-01, 2026-06-08)",
                    "status CHANGED TO resolved BY bench AFTER 2026-10-01", "tag CHANGED TO tag-3")) {
                Latencies latencies = measure(iterations, () -> search(base, agent, past));
                rows.add("| search, `" + past + "`, " + scale + " | " + latencies.p50p99() + " ms | the present "
                        + "value, `" + present + "`: " + now.p50p99() + " ms |");
                System.out.println(rows.getLast());
            }
            for (TicketId id : tickets) {
                String ticket = base + "/api/tickets/" + id;
                long versions = JSON.readTree(get(ticket, agent)).get("version").asLong();
                Instant opened = Instant.parse(JSON.readTree(get(ticket + "?asOf=1", agent)).get("createdAt")
                        .asString());
                Latencies live = measure(iterations, () -> get(ticket, agent));
                Latencies asOf = measure(iterations, () -> get(ticket + "?asOf=" + (1 + random.nextLong(versions)),
                        agent));
                Latencies asOfInstant = measure(iterations, () -> get(ticket + "?asOf=" + opened.plusSeconds(
                        60 * random.nextLong(versions)), agent));
                Latencies diff = measure(iterations, () -> {
                    long a = 1 + random.nextLong(versions);
                    long b = 1 + random.nextLong(versions);
                    return get(ticket + "/diff?from=" + Math.min(a, b) + "&to=" + Math.max(a, b), agent);
                });
                Latencies whole = measure(Math.max(10, iterations / 10), () -> get(ticket + "/diff?from=1", agent));
                String size = String.format("%,d events", versions);
                String baseline = "live view of the same ticket: " + live.p50p99() + " ms";
                rows.add("| as of a random version, " + size + " | " + asOf.p50p99() + " ms | " + baseline + " |");
                rows.add("| as of a random instant, " + size + " | " + asOfInstant.p50p99() + " ms | " + baseline
                        + " |");
                rows.add("| diff between two random versions, " + size + " | " + diff.p50p99() + " ms | " + baseline
                        + " |");
                rows.add("| diff from version 1 to now, " + size + " | " + whole.p50p99() + " ms | " + baseline
                        + " |");
                System.out.println(rows.get(rows.size() - 4) + "\n" + rows.get(rows.size() - 3) + "\n"
                        + rows.get(rows.size() - 2) + "\n" + rows.getLast());
            }
        }
    }

    /** A ticket worked for {@code events} events: replies and notes mostly, moves, reassignments, tags, edits. */
    private static void longTicket(TicketId id, int events, TicketGenerator generator,
                                   java.util.function.Consumer<TicketGenerator.EventWithMeta> sink) {
        Random random = new Random(events);
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        List<UserId> agents = generator.agents();
        UserId requester = new UserId(new java.util.UUID(0x0B, 1));
        TicketStatus status = TicketStatus.OPEN;
        Priority priority = Priority.NORMAL;
        UserId assignee = null;
        sink.accept(new TicketGenerator.EventWithMeta(new TicketOpened(id, "LONG-" + events, "Printer " + events,
                "A long story", priority, requester, List.of("printer")), 1, at));
        for (long v = 2; v <= events; v++) {
            at = at.plusSeconds(60);
            DocketEvent event;
            int roll = random.nextInt(20);
            if (roll == 0) {
                TicketStatus to = TicketStatus.values()[(status.ordinal() + 1 + random.nextInt(4)) % 5];
                event = new TicketStatusChanged(id, status, to, null);
                status = to;
            } else if (roll == 1) {
                Priority to = Priority.values()[(priority.ordinal() + 1 + random.nextInt(3)) % 4];
                event = new TicketPriorityChanged(id, priority, to);
                priority = to;
            } else if (roll == 2) {
                UserId to = agents.get(random.nextInt(agents.size()));
                event = new TicketAssigned(id, to, assignee);
                assignee = to;
            } else if (roll == 3) {
                String tag = "tag-" + random.nextInt(8);
                event = random.nextBoolean() ? new TicketTagsChanged(id, List.of(tag), List.of())
                        : new TicketTagsChanged(id, List.of(), List.of(tag));
            } else if (roll == 4) {
                event = new TicketEdited(id, "Printer " + events + ", take " + v, "A long story, chapter " + v);
            } else if (roll == 5) {
                event = new TicketAttachmentAdded(id, new AttachmentId(new java.util.UUID(events, v)), "log-" + v
                        + ".txt", "text/plain", 100 + v, "a".repeat(64));
            } else {
                UserId author = agents.get(random.nextInt(agents.size()));
                event = new TicketCommentAdded(id, new CommentId(new java.util.UUID(events, -v)), author.toString(),
                        roll % 3 == 0 ? CommentVisibility.INTERNAL : CommentVisibility.PUBLIC,
                        "Reply " + v + ": we looked at the printer again and it prints blank pages on tray two.");
            }
            sink.accept(new TicketGenerator.EventWithMeta(event, v, at));
        }
    }

    // ---------------------------------------------------------------- export and offline verification

    private void export(int events) throws Exception {
        String database = "docket_bench_export";
        databases.recreate(database);
        Path logs = Files.createDirectories(Path.of(options.getOrDefault("out", "bench/results")).resolve("logs"));
        try (LocalKafkaBroker broker = LocalKafkaBroker.startOnFreePorts(Files.createTempDirectory("docket-bench"))) {
            int port = LocalKafkaBroker.freePorts(1)[0];
            Path jar;
            try (Stream<Path> files = Files.list(Path.of("command-service", "target"))) {
                jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
            }
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("DOCKET_COMMAND_PORT", Integer.toString(port)),
                    Map.entry("DOCKET_COMMAND_DB_URL", databases.jdbcUrl(database)),
                    Map.entry("DOCKET_DB_USER", databases.user()), Map.entry("DOCKET_DB_PASSWORD", databases.password()),
                    Map.entry("DOCKET_AUTH_LOCAL_PUBLIC_KEY", keys.tokenPublicKeyBase64()),
                    Map.entry("DOCKET_CHECKPOINT_SIGNING_KEY", keys.checkpointPrivateKeyBase64()),
                    Map.entry("DOCKET_CHECKPOINT_PUBLIC_KEY", keys.checkpointPublicKeyBase64()),
                    Map.entry("DOCKET_CHECKPOINT_INTERVAL", "1s"),
                    Map.entry("DOCKET_KEY_ENCRYPTION_KEY", keys.keyEncryptionKeyBase64()),
                    Map.entry("DOCKET_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
                    Map.entry("LOGGING_LEVEL_ROOT", "WARN"));
            try (ServiceProcess service = ServiceProcess.start("command-service", jar, environment, port,
                    logs.resolve("history-command-service.log"), Docket.jvmOptions())) {
                service.awaitHealthy(Duration.ofMinutes(2));
                String base = "http://127.0.0.1:" + port;
                String admin = "Bearer " + tokens.mint("bench-admin", List.of("admin"), Duration.ofHours(2));
                String auditor = "Bearer " + tokens.mint("bench-auditor", List.of("auditor"), Duration.ofHours(2));
                String last = write(base, admin, events);
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!get(base + "/api/audit/verify?ticket=" + last, auditor).contains("\"anchored\":1")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no checkpoint covered the last ticket in two minutes");
                    }
                    Thread.sleep(500); // waiting for the next checkpoint, published each second
                }
                String all = base + "/api/audit/export?from=2000-01-01&to=2100-01-01";
                java.security.PublicKey key = ExportVerifier.publicKey(keys.checkpointPublicKeyBase64());
                List<Double> exported = new ArrayList<>();
                List<Double> verified = new ArrayList<>();
                List<Double> inPlace = new ArrayList<>();
                long stored = 0;
                long bytes = 0;
                for (int round = 0; round < 3; round++) {
                    long started = System.nanoTime();
                    byte[] file = http.send(HttpRequest.newBuilder(URI.create(all)).header("Authorization", auditor)
                            .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                    double exportSeconds = (System.nanoTime() - started) / 1e9;
                    started = System.nanoTime();
                    ExportVerifier.Report report = ExportVerifier.verify(new ByteArrayInputStream(file), key);
                    double verifySeconds = (System.nanoTime() - started) / 1e9;
                    if (!report.intact()) {
                        throw new IllegalStateException("the export does not verify: " + report.problems());
                    }
                    started = System.nanoTime();
                    JsonNode check = JSON.readTree(get(base + "/api/audit/verify", auditor));
                    double checkSeconds = (System.nanoTime() - started) / 1e9;
                    stored = check.get("events").asLong();
                    bytes = file.length;
                    exported.add(report.events() / exportSeconds);
                    verified.add(report.events() / verifySeconds);
                    inPlace.add(stored / checkSeconds);
                }
                String baseline = String.format("the service's own check of the store (GET /api/audit/verify, %,d "
                        + "events): %,.0f events/s", stored, median(inPlace));
                rows.add(String.format("| audit export of %,d events (%,.1f MB, every ticket, one request) | %,.0f "
                        + "events/s | %s |", stored, bytes / 1e6, median(exported), baseline));
                rows.add(String.format("| offline verification of that file (./docket verify --export, in one JVM) "
                        + "| %,.0f events/s | %s |", median(verified), baseline));
                System.out.println(rows.get(rows.size() - 2) + "\n" + rows.getLast());
            }
        }
    }

    /** Tickets of 100 events each (opened, then replies) through the command API, four writers. */
    private String write(String base, String admin, int events) throws Exception {
        String requester = JSON.readTree(send(base + "/api/users", admin, "POST", "{\"email\":\"bench-history@"
                + "example.com\",\"displayName\":\"Bench\",\"role\":\"requester\"}")).get("id").asString();
        int tickets = Math.max(1, events / 100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> written = new ArrayList<>();
        for (int t = 0; t < tickets; t++) {
            int n = t;
            written.add(pool.submit(() -> {
                String id = JSON.readTree(send(base + "/api/tickets", admin, "POST", "{\"title\":\"Export " + n
                        + "\",\"requesterId\":\"" + requester + "\"}")).get("id").asString();
                for (int c = 1; c < 100; c++) {
                    send(base + "/api/tickets/" + id + "/comments", admin, "POST", "{\"body\":\"Reply " + c
                            + ": the printer on floor three prints blank pages again.\"}");
                }
                return id;
            }));
        }
        String last = null;
        for (Future<String> ticket : written) {
            last = ticket.get();
        }
        pool.shutdown();
        return last;
    }

    // ---------------------------------------------------------------- plumbing

    private interface Call {
        String call() throws Exception;
    }

    private static Latencies measure(int iterations, Call call) throws Exception {
        for (int i = 0; i < Math.max(5, iterations / 10); i++) {
            call.call(); // warm-up
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < iterations; i++) {
            long started = System.nanoTime();
            call.call();
            latencies.add(System.nanoTime() - started);
        }
        return latencies;
    }

    private String search(String base, String authorization, String filter) throws Exception {
        return get(base + "/api/tickets?archived=any&filter=" + java.net.URLEncoder.encode(filter,
                java.nio.charset.StandardCharsets.UTF_8), authorization);
    }

    private String get(String url, String authorization) throws Exception {
        return send(url, authorization, "GET", null);
    }

    private String send(String url, String authorization, String method, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofMinutes(5));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
