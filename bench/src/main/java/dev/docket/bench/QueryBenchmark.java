package dev.docket.bench;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.query.ingest.Projector;
import dev.docket.query.ingest.Projectors;
import dev.docket.query.readmodel.ReadModelGenerations;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The query-side benchmark: loads N tickets (default 1,000,000) through the projector's batch path into a database
 * of its own, then measures search and count latencies three ways in the same run, on the same data:
 * <ol>
 *   <li>through the query API (HTTP, JSON, filter parsing included),</li>
 *   <li>the same SQL run directly on the same read-model tables,</li>
 *   <li>the origin guide's approach: {@code ILIKE '%word%'} and {@code count(*) ... GROUP BY status} on an
 *       unindexed copy of the tickets.</li>
 * </ol>
 * Writes a Markdown table and the query plans ({@code EXPLAIN ANALYZE}) to {@code bench/results}. See
 * bench/README.md for how to run it.
 */
public final class QueryBenchmark {

    private static final String TOPIC = "bench";
    private static final int BATCH = 500;
    /** Separates the window statement from the ranking statement that uses its result. */
    private static final String WINDOW_THEN = "\n-- then, with the window found above:\n";

    private final Map<String, String> options;
    private final String database;
    private final BenchDatabase databases = BenchDatabase.fromEnvironment();
    private final HttpClient http = HttpClient.newHttpClient();
    /** The service trusts a key made for this run; the benchmark reads as an agent. */
    private final LocalKeys keys = LocalKeys.generate();
    private final String authorization = "Bearer " + new LocalTokens(keys.tokenPrivateKey())
            .mint("bench-agent", List.of("agent"), Duration.ofHours(12));
    private final StringBuilder plans = new StringBuilder();
    private final List<String> rows = new ArrayList<>();
    private String baseUrl;

    private QueryBenchmark(Map<String, String> options) {
        this.options = options;
        this.database = options.getOrDefault("database", "docket_bench");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Bench.options(args);
        new QueryBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "1000000"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "200"));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        boolean reuse = options.containsKey("reuse");
        boolean fresh = prepareDatabase(reuse);

        try (ConfigurableApplicationContext context = databases.queryService(database, keys)) {
            baseUrl = BenchDatabase.baseUrl(context);
            String loadFigure = "reused";
            if (fresh) {
                loadFigure = load(context, tickets);
            }
            try (Connection db = connect(database)) {
                try (Statement statement = db.createStatement()) {
                    // as the API does for searches: plans for the actual words, never a generic one
                    statement.execute("SET plan_cache_mode = force_custom_plan");
                }
                prepareBaseline(db, fresh);
                long count = BenchDatabase.scalar(db, "SELECT count(*) FROM rm_1.ticket");
                System.out.printf("%n%d tickets loaded (%s); measuring %d iterations per query%n", count, loadFigure,
                        iterations);
                measure(db, iterations);
                write(out, count, loadFigure, iterations);
            }
        }
    }

    /** @return whether the database is new (and must be loaded) */
    private boolean prepareDatabase(boolean reuse) throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            if (exists && reuse) {
                return false;
            }
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
            return true;
        }
    }

    /** Loads people and tickets through the projector, two writers on disjoint tickets (as two partitions). */
    static String load(ConfigurableApplicationContext context, int tickets) throws Exception {
        ReadModelGenerations generations = context.getBean(ReadModelGenerations.class);
        Projectors projectors = context.getBean(Projectors.class);
        TicketGenerator people = new TicketGenerator(1);
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        Projector projector = projectors.create(generations.active());
        long[] offset = {0};
        people.people(e -> {
            batch.add(TicketGenerator.record(TOPIC, 2, offset[0]++, e));
            if (batch.size() == BATCH) {
                projector.applyAll(batch, Map.of());
                batch.clear();
            }
        });
        projector.applyAll(batch, Map.of());

        int writers = 2;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Long>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            results.add(pool.submit(() -> {
                TicketGenerator generator = new TicketGenerator(100 + writer);
                Projector own = projectors.create(generations.active());
                List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
                long next = 0;
                for (int n = writer; n < tickets; n += writers) {
                    List<TicketGenerator.EventWithMeta> history = new ArrayList<>();
                    generator.ticket(n, history::add);
                    for (TicketGenerator.EventWithMeta event : history) {
                        records.add(TicketGenerator.record(TOPIC, writer, next++, event));
                    }
                    if (records.size() >= BATCH) {
                        own.applyAll(records, Map.of());
                        records.clear();
                    }
                    if (writer == 0 && n % 100_000 == 0 && n > 0) {
                        System.out.printf("  %,d tickets loaded, %.0f s%n", n,
                                (System.nanoTime() - started) / 1e9);
                    }
                }
                own.applyAll(records, Map.of());
                return next;
            }));
        }
        long events = 0;
        for (Future<Long> result : results) {
            events += result.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        String figure = String.format("%,d ticket events in %.0f s, %,.0f events/s through the projector with %d writers",
                events, seconds, events / seconds, writers);
        System.out.println("Loaded: " + figure);
        return figure;
    }

    /** The origin guide's table: the same tickets, no index at all. VACUUM ANALYZE both, so plans are stable. */
    private void prepareBaseline(Connection db, boolean fresh) throws SQLException {
        try (Statement statement = db.createStatement()) {
            if (fresh) {
                statement.execute("DROP TABLE IF EXISTS public.origin_ticket");
                statement.execute("""
                        CREATE TABLE public.origin_ticket AS
                        SELECT id, number, title, description, status, priority, created_at FROM rm_1.ticket""");
            }
            statement.execute("VACUUM ANALYZE rm_1.ticket");
            statement.execute("VACUUM ANALYZE rm_1.ticket_count_by_status");
            statement.execute("VACUUM ANALYZE public.origin_ticket");
        }
    }

    private record Case(String name, String api, String sql, String origin) {
    }

    private void measure(Connection db, int iterations) throws Exception {
        String columns = "id, number, title, status, priority, priority_rank, requester_id, requester_name, assignee_id, "
                + "assignee_name, tags, archived, public_comment_count, attachment_count, created_at, updated_at, "
                + "last_activity_at, version";
        // What the API runs for relevance: the window (the oldest of the newest 5,000 matches), then the ranking.
        String window = "SELECT created_at, id FROM rm_1.ticket, websearch_to_tsquery('english', '%1$s') query "
                + "WHERE search_vector @@ query AND NOT archived ORDER BY created_at DESC, id DESC OFFSET 4999 LIMIT 1";
        String ranked = window + WINDOW_THEN + "SELECT " + columns + ", ts_rank_cd(search_vector, query) AS rank "
                + "FROM rm_1.ticket, websearch_to_tsquery('english', '%1$s') query WHERE search_vector @@ query "
                + "AND NOT archived {window} ORDER BY ts_rank_cd(search_vector, query) DESC, id DESC LIMIT 26";
        String originSearch = "SELECT id, number, title, status, priority, created_at FROM public.origin_ticket "
                + "WHERE title ILIKE '%%%1$s%%' OR description ILIKE '%%%1$s%%' ORDER BY created_at DESC LIMIT 25";
        String booleanExample = "status in (open, in_progress) AND (priority = urgent OR older than 7 days) "
                + "AND title matches payment";
        String agent = new TicketGenerator(1).agents().get(7).toString();
        String deepCursor = cursorAfterPages("/api/tickets?limit=25", 400);

        List<Case> cases = List.of(
                new Case("search, common word (" + TicketGenerator.COMMON_WORD + ")",
                        "/api/tickets?q=" + TicketGenerator.COMMON_WORD,
                        ranked.formatted(TicketGenerator.COMMON_WORD),
                        originSearch.formatted(TicketGenerator.COMMON_WORD)),
                new Case("search, common word, newest first", "/api/tickets?sort=-created&q="
                        + TicketGenerator.COMMON_WORD,
                        "SELECT " + columns + ", ts_rank_cd(search_vector, query) AS rank FROM rm_1.ticket, "
                                + "websearch_to_tsquery('english', '" + TicketGenerator.COMMON_WORD + "') query "
                                + "WHERE search_vector @@ query AND NOT archived ORDER BY created_at DESC, id DESC LIMIT 26",
                        null),
                new Case("search, rare word (" + TicketGenerator.RARE_WORD + ")",
                        "/api/tickets?q=" + TicketGenerator.RARE_WORD,
                        ranked.formatted(TicketGenerator.RARE_WORD),
                        originSearch.formatted(TicketGenerator.RARE_WORD)),
                new Case("search, substring (title contains \"ayme\")",
                        "/api/tickets?filter=" + encode("title contains \"ayme\""),
                        "SELECT " + columns + " FROM rm_1.ticket WHERE title ILIKE '%ayme%' AND NOT archived "
                                + "ORDER BY created_at DESC, id DESC LIMIT 26",
                        originSearch.formatted("ayme")),
                new Case("search, the boolean example", "/api/tickets?filter=" + encode(booleanExample),
                        "SELECT " + columns + " FROM rm_1.ticket WHERE status = ANY ('{open,in_progress}'::text[]) "
                                + "AND (priority_rank = 4 OR created_at < now() - interval '7 days') "
                                + "AND search_vector @@ rm_1.tsquery_in_weight(websearch_to_tsquery('english', "
                                + "'payment'), 'A') AND NOT archived ORDER BY created_at DESC, id DESC LIMIT 26",
                        "SELECT id, number, title, status, priority, created_at FROM public.origin_ticket "
                                + "WHERE status IN ('open', 'in_progress') AND (priority = 'urgent' "
                                + "OR created_at < now() - interval '7 days') AND title ILIKE '%payment%' "
                                + "ORDER BY created_at DESC LIMIT 25"),
                new Case("list, one assignee's open tickets", "/api/tickets?status=open&assignee=" + agent,
                        "SELECT " + columns + " FROM rm_1.ticket WHERE status = ANY ('{open}'::text[]) AND assignee_id "
                                + "= '" + agent + "' AND NOT archived ORDER BY created_at DESC, id DESC LIMIT 26",
                        null),
                new Case("list, page 401 (keyset cursor)", "/api/tickets?limit=25&cursor=" + deepCursor,
                        null, "SELECT id, number, title, status, priority, created_at FROM public.origin_ticket "
                                + "ORDER BY created_at DESC OFFSET 10000 LIMIT 25"),
                new Case("status counts", "/api/stats/status-counts",
                        "SELECT status, archived, tickets FROM rm_1.ticket_count_by_status",
                        "SELECT status, count(*) FROM public.origin_ticket GROUP BY status"),
                new Case("status counts as count(*) on the indexed read model", null,
                        "SELECT status, count(*) FROM rm_1.ticket WHERE NOT archived GROUP BY status", null));

        for (Case c : cases) {
            String api = c.api() == null ? "" : latency(() -> httpGet(c.api()), iterations);
            String sql = c.sql() == null ? "" : latency(() -> query(db, c.sql()), iterations);
            String origin = c.origin() == null ? "" : latency(() -> query(db, c.origin()), Math.max(5, iterations / 10));
            rows.add("| " + c.name() + " | " + api + " | " + sql + " | " + origin + " |");
            System.out.println(rows.getLast());
            if (c.sql() != null) {
                plan(db, c.name(), c.sql());
            }
            if (c.origin() != null) {
                plan(db, c.name() + " (origin guide)", c.origin());
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** p50 / p99 in milliseconds after a warm-up. */
    private static String latency(Call call, int iterations) throws Exception {
        for (int i = 0; i < Math.max(3, iterations / 4); i++) {
            call.run();
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            call.run();
            latencies.add(System.nanoTime() - start);
        }
        return latencies.p50p99();
    }

    private void httpGet(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String cursorAfterPages(String path, int pages) throws Exception {
        String cursor = null;
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (int i = 0; i < pages; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path
                    + (cursor == null ? "" : "&cursor=" + cursor))).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            tools.jackson.databind.JsonNode next = json.readTree(response.body()).get("nextCursor");
            if (next == null || next.isNull()) {
                throw new IllegalStateException("fewer than " + pages + " pages of " + path + ": load more tickets");
            }
            cursor = next.asString();
        }
        return cursor;
    }

    /** Runs the statement; a relevance search is two, as in the API: the window, then the ranking within it. */
    private static void query(Connection db, String sql) throws SQLException {
        String statementText = sql.contains(WINDOW_THEN) ? rankingWithin(db, sql) : sql;
        try (PreparedStatement statement = db.prepareStatement(statementText); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    /** Runs the window statement and returns the ranking statement restricted to the window it found. */
    private static String rankingWithin(Connection db, String sql) throws SQLException {
        String[] parts = sql.split(WINDOW_THEN, 2);
        String window = "";
        try (PreparedStatement statement = db.prepareStatement(parts[0]); ResultSet rs = statement.executeQuery()) {
            if (rs.next()) {
                window = "AND (created_at, id) >= ('" + rs.getObject(1, java.time.OffsetDateTime.class) + "', '"
                        + rs.getString(2) + "')";
            }
        }
        return parts[1].replace("{window}", window);
    }

    private void plan(Connection db, String name, String sql) throws SQLException {
        if (sql.contains(WINDOW_THEN)) {
            plan(db, name + ": the window", sql.split(WINDOW_THEN, 2)[0]);
            plan(db, name + ": the ranking", rankingWithin(db, sql));
            return;
        }
        plans.append("### ").append(name).append("\n\n```\n").append(sql).append("\n\n");
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)) {
            while (rs.next()) {
                plans.append(rs.getString(1)).append('\n');
            }
        }
        plans.append("```\n\n");
    }

    private void write(Path out, long tickets, String load, int iterations) throws IOException {
        Files.createDirectories(out);
        String date = LocalDate.now().toString();
        String table = "Query benchmark, " + date + ", " + String.format("%,d", tickets) + " tickets (" + load + "), "
                + iterations + " iterations per query (origin guide: " + Math.max(5, iterations / 10) + ")\n\n"
                + "| query | query API p50 / p99 ms | same SQL, same tables p50 / p99 ms | origin guide p50 / p99 ms |\n"
                + "|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.writeString(out.resolve("query-" + date + ".md"), table);
        Files.writeString(out.resolve("query-plans-" + date + ".md"), "# Query plans, " + date + "\n\n" + plans);
        System.out.println("\n" + table + "\nWritten to " + out.toAbsolutePath());
    }

    private Connection connect(String name) throws SQLException {
        return databases.connect(name);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
