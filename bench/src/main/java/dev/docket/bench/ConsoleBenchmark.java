package dev.docket.bench;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.launcher.ServiceProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The console's costs, each beside its baseline in the same run:
 * <ol>
 *   <li>{@code paint}: the time from a change's 2xx (the command API) to the change painted in an agent's open ticket
 *       page in Chromium (the page notes the frame after its refresh swapped the ticket in), beside the time from the
 *       2xx to the same version read through the query API ({@code minVersion}): the read side's own lag, which the
 *       console's push and refresh add to;</li>
 *   <li>{@code pages}: server-rendered pages of the console at a million tickets (a queue, a search, the dashboard, a
 *       ticket), beside the query API calls each page makes, timed one after the other.</li>
 * </ol>
 * See bench/README.md.
 */
final class ConsoleBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNRESOLVED = "status IN (open, in_progress, waiting_on_customer)";

    private final Map<String, String> options;
    private final Path repo = Path.of("").toAbsolutePath();
    private final BenchDatabase databases = BenchDatabase.fromEnvironment();
    private final LocalKeys keys = LocalKeys.generate();
    private final LocalTokens tokens = new LocalTokens(keys.tokenPrivateKey());
    private final String admin = tokens.mint("bench-admin", List.of("admin"), Duration.ofHours(12));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<String> report = new ArrayList<>();

    private ConsoleBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new ConsoleBenchmark(Bench.options(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        List<String> phases = List.of(options.getOrDefault("phases", "paint,pages").split(","));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        Path logs = Files.createDirectories(out.resolve("logs"));
        try {
            if (phases.contains("paint")) {
                paint(Integer.parseInt(options.getOrDefault("changes", "300")), logs);
            }
            if (phases.contains("pages")) {
                pages(Integer.parseInt(options.getOrDefault("tickets", "1000000")),
                        Integer.parseInt(options.getOrDefault("iterations", "200")), logs);
            }
        } finally {
            processes.forEach(p -> p.stop(Duration.ofSeconds(10)));
        }
        Path file = out.resolve("console-" + LocalDate.now() + ".md");
        Files.writeString(file, String.join("\n", report) + "\n");
        System.out.println(String.join("\n", report));
        System.out.println("\nWritten to " + file);
    }

    // ---- change to paint

    private void paint(int changes, Path logs) throws Exception {
        databases.recreate("docket_bench_console_command");
        databases.recreate("docket_bench_console_query");
        try (LocalKafkaBroker broker = LocalKafkaBroker.startOnFreePorts(Files.createTempDirectory("docket-bench-kafka"))) {
            int[] ports = LocalKafkaBroker.freePorts(3);
            String command = "http://127.0.0.1:" + ports[0];
            String query = "http://127.0.0.1:" + ports[1];
            String console = "http://127.0.0.1:" + ports[2];
            start("command-service", Map.of("DOCKET_COMMAND_PORT", Integer.toString(ports[0]),
                    "DOCKET_COMMAND_DB_URL", databases.jdbcUrl("docket_bench_console_command"),
                    "DOCKET_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "DOCKET_QUERY_BASE_URL", query), ports[0], logs);
            start("query-service", Map.of("DOCKET_QUERY_PORT", Integer.toString(ports[1]),
                    "DOCKET_QUERY_DB_URL", databases.jdbcUrl("docket_bench_console_query"),
                    "DOCKET_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "DOCKET_COMMAND_BASE_URL", command,
                    "DOCKET_DATA_KEYS_TOKEN", tokens.mint("query-service", List.of("consumer"), Duration.ofDays(1))),
                    ports[1], logs);
            startConsole(ports[2], command, query, logs);

            String requester = call(command, "POST", "/api/users", Map.of("email", "rita@example.com",
                    "displayName", "Rita", "role", "requester")).get("id").asString();
            JsonNode opened = call(command, "POST", "/api/tickets", Map.of("title", "Printer on fire",
                    "requesterId", requester));
            String ticket = opened.get("id").asString();
            read(query, "/api/tickets/" + ticket + "?minVersion=" + opened.get("version").asLong());

            Latencies api = new Latencies();
            for (int i = 0; i < changes; i++) {
                long version = change(command, ticket, i);
                long sent = System.nanoTime();
                read(query, "/api/tickets/" + ticket + "?minVersion=" + version);
                api.add(System.nanoTime() - sent);
            }

            WebDriver browser = chromium();
            try {
                browser.get(console + "/sign-in");
                wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-name"))).sendKeys("Ana");
                browser.findElement(By.id("new-email")).sendKeys("ana@example.com");
                browser.findElement(By.cssSelector("form[action$='/sign-in/local/new'] button")).click();
                wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("queues")));
                browser.get(console + "/tickets/" + ticket);
                wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("live-content")));
                JavascriptExecutor page = (JavascriptExecutor) browser;
                // the page notes, per version, the wall-clock time of the first frame after the ticket was swapped in
                page.executeScript("""
                        window.paintedAt = {};
                        new MutationObserver(() => {
                            const content = document.getElementById('live-content');
                            const version = content && content.getAttribute('data-version');
                            if (version && !(version in window.paintedAt)) {
                                window.paintedAt[version] = null;
                                requestAnimationFrame(() => {
                                    window.paintedAt[version] = performance.timeOrigin + performance.now();
                                });
                            }
                        }).observe(document.getElementById('live'), {childList: true, subtree: true});""");
                Latencies painted = new Latencies();
                for (int i = 0; i < changes; i++) {
                    long version = change(command, ticket, i);
                    Instant now = Instant.now();
                    double acknowledged = now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
                    String v = Long.toString(version);
                    Object at = new WebDriverWait(browser, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(2))
                            .until(driver -> ((JavascriptExecutor) driver).executeScript(
                                    "return window.paintedAt[arguments[0]] || null;", v));
                    painted.add((long) ((((Number) at).doubleValue() - acknowledged) * 1e6));
                }
                report.add("## Change to paint, " + LocalDate.now() + ", " + changes + " changes, one at a time");
                report.add("");
                report.add("| what | p50 / p99 ms |");
                report.add("|---|---|");
                report.add("| command 2xx → painted in an agent's open ticket page (Chromium) | " + painted.p50p99()
                        + " |");
                report.add("| baseline: command 2xx → the same version read through the query API (`minVersion`) | "
                        + api.p50p99() + " |");
                report.add("");
            } finally {
                browser.quit();
            }
        }
    }

    /** Changes the priority (high and normal in turn) as an admin, without If-Match; answers the new version. */
    private long change(String command, String ticket, int i) throws Exception {
        return call(command, "PUT", "/api/tickets/" + ticket + "/priority",
                Map.of("priority", i % 2 == 0 ? "high" : "normal")).get("version").asLong();
    }

    // ---- pages at a million tickets

    private void pages(int tickets, int iterations, Path logs) throws Exception {
        String database = options.getOrDefault("database", "docket_bench");
        boolean reuse = databases.holdsTickets(database, tickets);
        if (!reuse) {
            databases.recreate(database);
        }
        try (ConfigurableApplicationContext context = databases.queryService(database, keys)) {
            String query = BenchDatabase.baseUrl(context);
            String load = reuse ? "reused" : QueryBenchmark.load(context, tickets);
            String agent;
            String ticket;
            long count;
            try (Connection db = databases.connect(database); Statement statement = db.createStatement()) {
                // the planner's statistics, as autovacuum keeps them in service: a fresh load has none yet
                statement.execute("ANALYZE");
                agent = BenchDatabase.single(statement, "SELECT id::text FROM rm_1.person WHERE role = 'agent' ORDER BY id LIMIT 1");
                ticket = BenchDatabase.single(statement, "SELECT id::text FROM rm_1.ticket ORDER BY updated_at DESC LIMIT 1");
                count = Long.parseLong(BenchDatabase.single(statement, "SELECT count(*) FROM rm_1.ticket"));
            }
            int consolePort = LocalKafkaBroker.freePorts(1)[0];
            String console = "http://127.0.0.1:" + consolePort;
            startConsole(consolePort, "http://127.0.0.1:9", query, logs);
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            signIn(browser, console, agent);
            String token = "Bearer " + tokens.mint(agent, List.of("agent"), Duration.ofHours(2));
            // one saved view, as an agent keeps a few: every list page counts it in the side bar
            String viewFilter = "priority = urgent AND " + UNRESOLVED;
            HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create(query + "/api/views"))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Urgent open\",\"filter\":\""
                            + viewFilter + "\",\"sort\":\"title\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (saved.statusCode() != 201 && saved.statusCode() != 409) {
                throw new IllegalStateException("saving a view answered " + saved.statusCode() + ": " + saved.body());
            }
            String view = single(http.send(HttpRequest.newBuilder(URI.create(query + "/api/views"))
                    .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString()).body(),
                    "\"id\":\"([^\"]+)\"");
            // a list page reads the queues' counts and the views' names; the views' counts come after it
            String counts = "/api/stats/status-counts|/api/stats/assignee-counts|/api/sla/counts|/api/views";
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("/queues/open", search(UNRESOLVED, "-updated", null) + "|" + counts);
            pages.put("/queues/open?sort=title", search(UNRESOLVED, "title", null) + "|" + counts);
            pages.put("/queues/unassigned", search("assignee = none AND " + UNRESOLVED, "created", null) + "|" + counts);
            pages.put("/queues/open?q=printer", search(UNRESOLVED, "relevance", "printer") + "|" + counts);
            pages.put("/views/" + view, "/api/views/" + view + "|" + search(viewFilter, "title", null) + "|" + counts);
            pages.put("/views/side", "/api/views|/api/tickets/count?filter=" + encode(viewFilter));
            pages.put("/dashboard", "/api/stats/status-counts|/api/stats/priority-counts|/api/stats/assignee-counts"
                    + "|/api/sla/counts|" + counts);
            pages.put("/tickets/" + ticket, "/api/tickets/" + ticket + "|/api/tickets/" + ticket
                    + "/history?limit=200|/api/people?role=agent&limit=200");
            report.add("## Console pages at " + String.format("%,d", count) + " tickets (" + load + "), "
                    + LocalDate.now() + ", " + iterations + " iterations each");
            report.add("");
            report.add("| page | console, p50 / p99 ms | baseline: its query API calls one after the other, p50 / p99 ms |");
            report.add("|---|---|---|");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Latencies rendered = new Latencies();
                Latencies calls = new Latencies();
                for (int i = 0; i < iterations + 20; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(console + page.getKey()))
                            .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
                    long renderedIn = System.nanoTime() - started;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(page.getKey() + " answered " + answer.statusCode());
                    }
                    started = System.nanoTime();
                    for (String path : page.getValue().split("\\|")) {
                        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(query + path))
                                .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (api.statusCode() != 200) {
                            throw new IllegalStateException(path + " answered " + api.statusCode() + ": " + api.body());
                        }
                    }
                    long calledIn = System.nanoTime() - started;
                    if (i >= 20) {
                        rendered.add(renderedIn);
                        calls.add(calledIn);
                    }
                }
                report.add("| `" + page.getKey().replace(ticket, "{id}").replace(view, "{view}") + "` | " + rendered.p50p99() + " | "
                        + calls.p50p99() + " |");
                System.out.println(report.getLast());
            }
            report.add("");
            // exact counts of a saved view's expression: what each side bar refresh costs per view
            report.add("| exact count, `GET /api/tickets/count` | p50 / p99 ms | matches |");
            report.add("|---|---|---|");
            for (String filter : List.of(viewFilter, "assignee = none AND " + UNRESOLVED, UNRESOLVED,
                    "tag = vip AND " + UNRESOLVED, "title contains printer")) {
                Latencies latencies = new Latencies();
                String matches = "";
                for (int i = 0; i < iterations + 20; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query
                            + "/api/tickets/count?filter=" + encode(filter))).header("Authorization", token).GET()
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("count answered " + answer.statusCode() + ": " + answer.body());
                    }
                    if (i >= 20) {
                        latencies.add(System.nanoTime() - started);
                    }
                    matches = answer.body().replaceAll("[^0-9]", "");
                }
                report.add("| `" + filter + "` | " + latencies.p50p99() + " | " + String.format("%,d",
                        Long.parseLong(matches)) + " |");
                System.out.println(report.getLast());
            }
            report.add("");
        }
    }

    /** The first group of {@code pattern} in {@code text}. */
    private static String single(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }

    private static String search(String filter, String sort, String q) {
        return "/api/tickets?limit=50&sort=" + encode(sort) + "&filter=" + encode(filter)
                + (q == null ? "" : "&q=" + encode(q));
    }

    private void signIn(HttpClient browser, String console, String agent) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(URI.create(console + "/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String form = "_csrf=" + encode(csrf.group(1)) + "&personId=" + agent + "&name=Bench+agent&role=agent";
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(console + "/sign-in/local"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 200 || signedIn.uri().getPath().equals("/sign-in")) {
            throw new IllegalStateException("the local sign-in failed: " + signedIn.statusCode());
        }
    }

    // ---- the services, the browser, the database

    private void startConsole(int port, String command, String query, Path logs) throws Exception {
        start("console", Map.of("DOCKET_CONSOLE_PORT", Integer.toString(port), "DOCKET_COMMAND_BASE_URL", command,
                "DOCKET_QUERY_BASE_URL", query, "DOCKET_CONSOLE_LOCAL_SIGNING_KEY", keys.tokenPrivateKeyBase64()),
                port, logs);
    }

    private void start(String module, Map<String, String> settings, int port, Path logs) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(repo.resolve(module).resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in " + module + "/target"));
        }
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DOCKET_AUTH_LOCAL_PUBLIC_KEY", keys.tokenPublicKeyBase64());
        environment.put("DOCKET_CHECKPOINT_SIGNING_KEY", keys.checkpointPrivateKeyBase64());
        environment.put("DOCKET_CHECKPOINT_PUBLIC_KEY", keys.checkpointPublicKeyBase64());
        environment.put("DOCKET_KEY_ENCRYPTION_KEY", keys.keyEncryptionKeyBase64());
        environment.put("DOCKET_DB_USER", databases.user());
        environment.put("DOCKET_DB_PASSWORD", databases.password());
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        Path log = logs.resolve(module + ".log");
        Files.deleteIfExists(log);
        ServiceProcess process = ServiceProcess.start(module, jar, environment, port, log, Docket.jvmOptions());
        processes.add(process);
        process.awaitHealthy(Duration.ofMinutes(2));
    }

    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("DOCKET_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                Path.of(env("DOCKET_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build(),
                options);
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private JsonNode call(String base, String method, String path, Object body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private void read(String query, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query + path))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
