package dev.docket.bench;

import dev.docket.events.EventHeaders;
import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.launcher.ServiceProcess;
import dev.docket.testing.TopicReader;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The command-side benchmarks, each beside its baseline, in one run on one machine (see bench/README.md):
 * <ol>
 *   <li>the command path at several client counts against (a) one JDBC insert and commit per command into a copy of
 *       the event table and (b) a CRUD ticket service (JPA, update in place plus an audit row) over HTTP;</li>
 *   <li>commands on a ticket with 1,000 events against the same commands on young tickets;</li>
 *   <li>end-to-end lag (the command's 2xx to the change readable in the query API) at half the command rate measured with the read side running;</li>
 *   <li>a full read-model rebuild from the topic against PostgreSQL's {@code COPY} of as many read-model rows.</li>
 * </ol>
 * Every service runs as its own process from its packaged jar with the JVM options of {@code ./docket up}; the
 * Kafka broker runs in this process, as it does in the launcher.
 */
public final class CommandBenchmark {

    /** The command service's topic (its default: the benchmark does not set one). */
    private static final String TOPIC = "docket.ticket-events";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMMENT = "Checked the logs on the affected machine; the spooler restarts every few "
            + "minutes after the driver update. Rolling back the driver on one machine to confirm before the rest.";

    private final Map<String, String> options;
    private final Path repo = Path.of("").toAbsolutePath();
    private final BenchDatabase databases = BenchDatabase.fromEnvironment();
    private final LocalKeys keys = LocalKeys.generate();
    private final LocalTokens tokens = new LocalTokens(keys.tokenPrivateKey());
    private final String admin = tokens.mint("bench-admin", List.of("admin"), Duration.ofHours(12));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final List<String> report = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private LocalKafkaBroker broker;

    private CommandBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new CommandBenchmark(Bench.options(args)).run();
        System.exit(0);
    }

    /** One measured load: what was done, how fast, how long each call took. */
    record Result(int clients, long calls, long failures, double seconds, Latencies latencies, long allCalls) {
        double rate() {
            return calls / seconds;
        }
    }

    private void run() throws Exception {
        List<Integer> clientCounts = Stream.of(options.getOrDefault("clients", "1,8,32,64").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "8")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "2")));
        int longTicketEvents = Integer.parseInt(options.getOrDefault("long-events", "1000"));
        Duration lagDuration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("lag-seconds", "30")));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        List<String> phases = List.of(options.getOrDefault("phases", "command,long,lag,rebuild").split(","));
        Path logs = Files.createDirectories(out.resolve("logs"));

        for (String database : List.of("docket_bench_command", "docket_bench_query", "docket_bench_crud",
                "docket_bench_command_sla_off")) {
            databases.recreate(database);
        }
        broker = LocalKafkaBroker.startOnFreePorts(Files.createTempDirectory("docket-bench-kafka"));
        try {
            int[] ports = LocalKafkaBroker.freePorts(3);
            int commandPort = ports[0];
            int queryPort = ports[1];
            int crudPort = ports[2];
            String command = "http://127.0.0.1:" + commandPort;
            String query = "http://127.0.0.1:" + queryPort;
            String crud = "http://127.0.0.1:" + crudPort;

            // 1. The command path: Docket (command service, relay, broker) and the two baselines, in alternating rounds.
            ServiceProcess commandService = start("command-service", "command-service", Map.of(
                    "DOCKET_COMMAND_PORT", Integer.toString(commandPort),
                    "DOCKET_COMMAND_DB_URL", databases.jdbcUrl("docket_bench_command"),
                    "DOCKET_QUERY_BASE_URL", query), commandPort, logs);
            People docketPeople = register(command);
            if (Boolean.parseBoolean(options.getOrDefault("policies", "false"))) {
                // every ticket under a service-level policy from the start: its clocks are computed on both sides
                call(command, admin, "PUT", "/api/sla/policies", Map.of("reason", "benchmark", "policies", List.of(
                        Map.of("id", "everything", "name", "Every ticket", "targets", List.of(
                                Map.of("priority", "normal", "metric", "first_response", "minutes", 60,
                                        "basis", "calendar", "warnMinutesBefore", 15),
                                Map.of("priority", "normal", "metric", "next_response", "minutes", 120,
                                        "basis", "calendar"),
                                Map.of("priority", "normal", "metric", "resolution", "minutes", 1440,
                                        "basis", "calendar"))))), 200);
            }
            if (phases.contains("command")) {
                ServiceProcess crudService = start("crud-baseline", "bench/crud-baseline", Map.of(
                        "CRUD_PORT", Integer.toString(crudPort),
                        "CRUD_DB_URL", databases.jdbcUrl("docket_bench_crud")), crudPort, logs);
                People crudPeople = register(crud);
                commandPath(clientCounts, warmUp, measure, new Contender(command, docketPeople, commandService),
                        new Contender(crud, crudPeople, crudService));
                crudService.stop(Duration.ofSeconds(10));
            } else {
                for (int clients : clientCounts) {
                    System.out.printf("docket   %2d clients: %s%n", clients,
                            summary(mix(command, docketPeople, clients, warmUp, measure)));
                }
            }
            if (phases.contains("long")) {
                longTickets(command, docketPeople, longTicketEvents);
            }
            if (phases.contains("sla")) {
                serviceLevels(new Contender(command, docketPeople, commandService), LocalKafkaBroker.freePorts(1)[0],
                        logs, warmUp, measure);
            }
            if (phases.contains("lag") || phases.contains("rebuild")) {
                start("query-service", "query-service", Map.of(
                        "DOCKET_QUERY_PORT", Integer.toString(queryPort),
                        "DOCKET_QUERY_DB_URL", databases.jdbcUrl("docket_bench_query"),
                        "DOCKET_COMMAND_BASE_URL", command,
                        "DOCKET_DATA_KEYS_TOKEN", tokens.mint("query-service",
                                List.of("consumer"), Duration.ofDays(1))), queryPort, logs);
            }
            if (phases.contains("lag")) {
                // the maximum rate with the read side running beside the write side, as it does in the lag run
                awaitCaughtUp(query, Duration.ofMinutes(5));
                double maxRate;
                if (options.containsKey("lag-rate")) {
                    maxRate = 2 * Double.parseDouble(options.get("lag-rate"));
                } else {
                    Result max = mix(command, docketPeople, 8, warmUp, Duration.ofSeconds(15));
                    System.out.printf("docket with the query service, 8 clients: %s%n", summary(max));
                    maxRate = max.rate();
                }
                // half the maximum rate, as asked; and a quarter, to show where the read side keeps up on this machine.
                // Each starts with the read side caught up (the maximum-rate run leaves it behind).
                awaitCaughtUp(query, Duration.ofMinutes(5));
                lag(command, query, docketPeople, maxRate, 0.5, lagDuration);
                awaitCaughtUp(query, Duration.ofMinutes(5));
                lag(command, query, docketPeople, maxRate, 0.25, lagDuration);
            }
            if (phases.contains("rebuild")) {
                rebuild(query, Integer.parseInt(options.getOrDefault("rebuilds", "1")));
            }
            commandService.stop(Duration.ofSeconds(10));
        } finally {
            processes.forEach(p -> p.stop(Duration.ofSeconds(10)));
            broker.close();
        }
        write(out);
    }

    /** A service under test: where it answers, who acts on it, its process. */
    record Contender(String base, People people, ServiceProcess process) {
    }

    /** One measured run and the CPU the service and PostgreSQL used during it (warm-up included). */
    record Measured(Result result, CpuTime.Used cpu) {
        /** Milliseconds of the service's CPU per successful call (warm-up included on both sides of the ratio). */
        double serviceCpuMillis() {
            return cpu.serviceNanos() / 1e6 / result.allCalls();
        }

        /** The service's CPU per call without its JIT compiler threads. */
        double settledCpuMillis() {
            return (cpu.serviceNanos() - cpu.jitNanos()) / 1e6 / result.allCalls();
        }

        double databaseCpuMillis() {
            return cpu.databaseNanos() / 1e6 / result.allCalls();
        }
    }

    /**
     * Docket, the CRUD service and the JDBC floor, each in turn for one short run, repeated {@code --rounds} times
     * per client count. On a shared machine the load of neighbours comes and goes; runs back to back meet about
     * the same neighbours, so the ratio of each round is fair even when the absolute figures drift. The report
     * takes the median ratio and its spread, and the CPU each side spends per command.
     */
    private void commandPath(List<Integer> clientCounts, Duration warmUp, Duration measure, Contender docket,
                             Contender crud) throws Exception {
        System.out.println("encryption per command, in-process: " + SealingCost.measure());
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        // one unrecorded run of each first: both JVMs compile their hot paths before anything counts
        Duration compile = Duration.ofSeconds(Long.parseLong(options.getOrDefault("compile-seconds", "120")));
        mix(docket.base(), docket.people(), 8, Duration.ZERO, compile);
        mix(crud.base(), crud.people(), 8, Duration.ZERO, compile);
        double eventsPerCommandBefore = ticketEvents();
        long docketCallsBefore = 0;
        Map<Integer, List<Measured[]>> byClients = new java.util.LinkedHashMap<>();
        for (int clients : clientCounts) {
            List<Measured[]> measured = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Measured d = measure(docket.process(), () -> mix(docket.base(), docket.people(), clients, warmUp, measure));
                Measured c = measure(crud.process(), () -> mix(crud.base(), crud.people(), clients, warmUp, measure));
                Measured f = insertFloor(clients, warmUp, measure);
                measured.add(new Measured[] {d, c, f});
                docketCallsBefore += d.result().allCalls();
                System.out.printf("round %d, %2d clients: docket %s | crud %s | floor %s | docket/crud %.2fx%n",
                        round, clients, summary(d), summary(c), summary(f), d.result().rate() / c.result().rate());
            }
            byClients.put(clients, measured);
        }
        double eventsPerCommand = (ticketEvents() - eventsPerCommandBefore) / docketCallsBefore;
        writeCommandPath(byClients, eventsPerCommand, rounds, warmUp, measure);
    }

    interface Run {
        Result run() throws Exception;
    }

    private static Measured measure(ServiceProcess service, Run run) throws Exception {
        CpuTime cpu = CpuTime.start(service == null ? null : service.handle());
        Result result = run.run();
        return new Measured(result, cpu.stop());
    }

    // ---------------------------------------------------------------- the mix

    /** Who the mix acts as: agents (their tokens) and requesters to open tickets for. */
    record People(List<UUID> agents, List<String> agentTokens, List<UUID> requesters) {
    }

    private People register(String base) throws Exception {
        List<UUID> agents = new ArrayList<>();
        List<UUID> requesters = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 40; i++) {
            agents.add(registerPerson(base, "agent-" + run + "-" + i, "agent"));
        }
        for (int i = 0; i < 400; i++) {
            requesters.add(registerPerson(base, "requester-" + run + "-" + i, "requester"));
        }
        List<String> agentTokens = agents.stream()
                .map(a -> tokens.mint(a.toString(), List.of("agent"), Duration.ofHours(12))).toList();
        return new People(agents, agentTokens, requesters);
    }

    private UUID registerPerson(String base, String name, String role) throws Exception {
        JsonNode answer = call(base, admin, "POST", "/api/users", Map.of("email", name + "@bench.example",
                "displayName", name, "role", role), 201);
        return UUID.fromString(answer.get("id").asString());
    }

    /** A ticket one client works on, and what the client knows of it. */
    private static final class Worked {
        final UUID id;
        String status = "open";
        int assignee = -1;
        int tag;

        Worked(UUID id) {
            this.id = id;
        }
    }

    /**
     * One client of the mix: opens tickets (15%), comments (35%), assigns (15%), changes status (20%), changes tags
     * (15%), on tickets of its own so every command is valid and none races another client's.
     */
    private final class Client {
        private final String base;
        private final People people;
        private final String token;
        private final List<Worked> tickets = new ArrayList<>();

        Client(String base, People people, int index) {
            this.base = base;
            this.people = people;
            this.token = people.agentTokens().get(index % people.agentTokens().size());
        }

        /** One command of the mix; returns the ticket and its new version. */
        Changed next() throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int dice = random.nextInt(100);
            if (tickets.isEmpty() || dice < 15) {
                UUID requester = people.requesters().get(random.nextInt(people.requesters().size()));
                JsonNode opened = call(base, token, "POST", "/api/tickets", Map.of("title",
                        "Printer on floor " + random.nextInt(1, 9) + " jams on every job",
                        "description", COMMENT, "priority", "normal", "requesterId", requester.toString(),
                        "tags", List.of("hardware")), 201);
                Worked worked = new Worked(UUID.fromString(opened.get("id").asString()));
                tickets.add(worked);
                return new Changed(worked.id, opened.get("version").asLong());
            }
            Worked t = tickets.get(random.nextInt(tickets.size()));
            String path = "/api/tickets/" + t.id;
            JsonNode answer;
            if (dice < 50) {
                answer = call(base, token, "POST", path + "/comments", Map.of("body", COMMENT), 201);
            } else if (dice < 65) {
                t.assignee = (t.assignee + 1 + random.nextInt(people.agents().size() - 1)) % people.agents().size();
                answer = call(base, token, "PUT", path + "/assignee",
                        Map.of("assigneeId", people.agents().get(t.assignee).toString()), 200);
            } else if (dice < 85) {
                t.status = "in_progress".equals(t.status) ? "waiting_on_customer" : "in_progress";
                answer = call(base, token, "PUT", path + "/status", Map.of("status", t.status), 200);
            } else {
                answer = call(base, token, "PATCH", path + "/tags", Map.of("add", List.of("tag-" + (t.tag + 1)),
                        "remove", List.of("tag-" + t.tag)), 200);
                t.tag++;
            }
            return new Changed(t.id, answer.get("version").asLong());
        }

    }

    record Changed(UUID ticket, long version) {
    }

    /** Closed loop: {@code clients} threads send the next command as soon as the last one answered. */
    private Result mix(String base, People people, int clients, Duration warmUp, Duration measure) throws Exception {
        return closedLoop(clients, warmUp, measure, i -> {
            Client client = new Client(base, people, i);
            return () -> client.next();
        });
    }

    /** One call of a client; throws when it failed. */
    interface Step {
        void run() throws Exception;
    }

    interface StepFactory {
        Step forClient(int index) throws Exception;
    }

    /**
     * Runs each client's step in a loop, timing every call: unrecorded during the warm-up, recorded during the
     * measurement. A failed call counts as a failure and is not timed.
     */
    private static Result closedLoop(int clients, Duration warmUp, Duration measure, StepFactory factory)
            throws Exception {
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        long measureUntil = warmUntil + measure.toNanos();
        Latencies all = new Latencies();
        AtomicLong failures = new AtomicLong();
        AtomicLong succeeded = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Latencies>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Step step = factory.forClient(i);
                running.add(pool.submit(() -> {
                    Latencies mine = new Latencies();
                    long start;
                    while ((start = System.nanoTime()) < measureUntil) {
                        try {
                            step.run();
                            succeeded.incrementAndGet();
                            if (start >= warmUntil) {
                                mine.add(System.nanoTime() - start);
                            }
                        } catch (Exception e) {
                            if (start >= warmUntil) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                    return mine;
                }));
            }
            for (Future<Latencies> f : running) {
                all.addAll(f.get());
            }
        }
        return new Result(clients, all.count(), failures.get(), measure.toNanos() / 1e9, all, succeeded.get());
    }

    // ---------------------------------------------------------------- baseline (a): the physical floor

    /**
     * One insert and one commit per command into {@code floor_event}, a copy of the event table (its columns,
     * defaults and indexes; none of its triggers), rows shaped like the events the mix wrote.
     */
    private Measured insertFloor(int clients, Duration warmUp, Duration measure) throws Exception {
        byte[] payload;
        byte[] metaData;
        try (Connection db = databases.connect("docket_bench_command"); Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS floor_event");
            statement.execute("CREATE TABLE floor_event (LIKE domain_event_entry INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)");
            try (ResultSet rs = statement.executeQuery("SELECT payload, meta_data FROM domain_event_entry "
                    + "WHERE payload_type LIKE '%CommentAdded' LIMIT 1")) {
                rs.next();
                payload = rs.getBytes(1);
                metaData = rs.getBytes(2);
            }
        }
        List<Connection> connections = new ArrayList<>();
        CpuTime cpu = CpuTime.start(null);
        try {
            Result result = closedLoop(clients, warmUp, measure, i -> {
                Connection db = databases.connect("docket_bench_command");
                db.setAutoCommit(false);
                synchronized (connections) {
                    connections.add(db);
                }
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO floor_event (event_identifier, aggregate_identifier, sequence_number, type,
                                                 time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, 'Ticket', ?, 'dev.docket.events.CommentAdded', '1', ?, ?)""");
                UUID aggregate = UUID.randomUUID();
                long[] sequence = {0};
                return () -> {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, aggregate.toString());
                    insert.setLong(3, sequence[0]++);
                    insert.setString(4, Instant.now().toString());
                    insert.setBytes(5, payload);
                    insert.setBytes(6, metaData);
                    insert.executeUpdate();
                    db.commit();
                };
            });
            return new Measured(result, cpu.stop()); // before the connections close: their backends' CPU counts
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** Ticket events stored so far. */
    private double ticketEvents() throws SQLException {
        try (Connection db = databases.connect("docket_bench_command")) {
            return BenchDatabase.scalar(db, "SELECT count(*) FROM domain_event_entry WHERE type = 'Ticket'");
        }
    }

    private void writeCommandPath(Map<Integer, List<Measured[]>> byClients, double eventsPerCommand, int rounds,
                                  Duration warmUp, Duration measure) {
        report.add("## Command path: the mix over HTTP, closed loop; Docket, (b) the CRUD service and (a) the JDBC "
                + "floor in turn, " + rounds + " rounds of " + measure.toSeconds() + " s each (after " + warmUp.toSeconds()
                + " s of warm-up) per client count\n");
        report.add("Medians over the rounds; the ratio is the median of each round's ratio, with its lowest and highest. "
                + "CPU is milliseconds per command: the service's process (in brackets: without its JIT compiler "
                + "threads), and PostgreSQL's processes.\n");
        report.add("| clients | Docket commands/s | Docket p50 / p99 ms | (b) CRUD commands/s | (b) p50 / p99 ms "
                + "| Docket / (b), median (min–max) | CPU ms per command, Docket: service [settled] + db "
                + "| CPU ms, (b): service [settled] + db | (a) floor inserts/s | Docket / (a) | failed calls (Docket, CRUD) |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<Integer, List<Measured[]>> entry : byClients.entrySet()) {
            List<Measured[]> runs = entry.getValue();
            List<Double> ratios = runs.stream().map(r -> r[0].result().rate() / r[1].result().rate()).sorted().toList();
            Measured d = medianBy(runs, 0);
            Measured c = medianBy(runs, 1);
            Measured f = medianBy(runs, 2);
            long docketFailures = runs.stream().mapToLong(r -> r[0].result().failures()).sum();
            long crudFailures = runs.stream().mapToLong(r -> r[1].result().failures()).sum();
            report.add(String.format("| %d | %.0f | %s | %.0f | %s | %.2fx (%.2f–%.2f) | %.2f [%.2f] + %.2f "
                            + "| %.2f [%.2f] + %.2f | %.0f | %.0f%% | %d, %d |", entry.getKey(),
                    d.result().rate(), d.result().latencies().p50p99(), c.result().rate(),
                    c.result().latencies().p50p99(), median(ratios), ratios.getFirst(), ratios.getLast(),
                    median(runs.stream().map(r -> r[0].serviceCpuMillis()).sorted().toList()),
                    median(runs.stream().map(r -> r[0].settledCpuMillis()).sorted().toList()),
                    median(runs.stream().map(r -> r[0].databaseCpuMillis()).sorted().toList()),
                    median(runs.stream().map(r -> r[1].serviceCpuMillis()).sorted().toList()),
                    median(runs.stream().map(r -> r[1].settledCpuMillis()).sorted().toList()),
                    median(runs.stream().map(r -> r[1].databaseCpuMillis()).sorted().toList()),
                    f.result().rate(), 100 * d.result().rate() / f.result().rate(), docketFailures, crudFailures));
        }
        report.add(String.format("%nEvents per Docket command in this mix: %.2f (the floor inserts one row per "
                + "command). Latencies are those of the median round by throughput.%n", eventsPerCommand));
    }

    /** The run of side {@code side} with the median throughput over the rounds. */
    private static Measured medianBy(List<Measured[]> runs, int side) {
        List<Measured> sorted = runs.stream().map(r -> r[side])
                .sorted(java.util.Comparator.comparingDouble(m -> m.result().rate())).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ---------------------------------------------------------------- long tickets

    /**
     * Brings one ticket to {@code events} events, then times comments and status changes on it, one client, beside
     * the same commands on young tickets (under 10 events) in the same run.
     */
    private void longTickets(String command, People people, int events) throws Exception {
        String token = people.agentTokens().getFirst();
        UUID longTicket = openTicket(command, token, people.requesters().getFirst());
        long version = 1;
        String status = "open";
        while (version < events) {
            status = "in_progress".equals(status) ? "waiting_on_customer" : "in_progress";
            version = call(command, token, "PUT", "/api/tickets/" + longTicket + "/status", Map.of("status", status),
                    200).get("version").asLong();
        }
        int samples = Integer.parseInt(options.getOrDefault("long-samples", "400"));
        Latencies onLong = new Latencies();
        Latencies onYoung = new Latencies();
        List<UUID> young = new ArrayList<>();
        for (int i = 0; i < samples / 5; i++) {
            young.add(openTicket(command, token, people.requesters().get(i % people.requesters().size())));
        }
        // alternate, so both see the same machine state; the first 50 of each are a warm-up
        for (int i = 0; i < samples + 50; i++) {
            timeComment(command, token, longTicket, i >= 50 ? onLong : null);
            timeComment(command, token, young.get(i % young.size()), i >= 50 ? onYoung : null);
        }
        try (Connection db = databases.connect("docket_bench_command")) {
            long stored = BenchDatabase.scalar(db, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                    + longTicket + "'");
            long snapshots = BenchDatabase.scalar(db, "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = '"
                    + longTicket + "'");
            report.add("## Long tickets: one client, commands alternating between the two kinds of ticket\n");
            report.add("| ticket | events when measured | comment p50 / p99 ms |");
            report.add("|---|---|---|");
            report.add(String.format("| long | %d to %d | %s |", events, stored, onLong.p50p99()));
            report.add(String.format("| young (baseline) | 1 to %d | %s |", 1 + samples / young.size() + 1,
                    onYoung.p50p99()));
            report.add(String.format("%n%d samples each; snapshots stored for the long ticket: %d.%n",
                    onLong.count(), snapshots));
        }
        System.out.printf("long tickets: long %s, young %s%n", onLong.p50p99(), onYoung.p50p99());
    }

    private UUID openTicket(String base, String token, UUID requester) throws Exception {
        return UUID.fromString(call(base, token, "POST", "/api/tickets", Map.of("title", "A long conversation",
                "requesterId", requester.toString()), 201).get("id").asString());
    }

    private void timeComment(String base, String token, UUID ticket, Latencies into) throws Exception {
        long start = System.nanoTime();
        call(base, token, "POST", "/api/tickets/" + ticket + "/comments", Map.of("body", COMMENT), 201);
        if (into != null) {
            into.add(System.nanoTime() - start);
        }
    }

    // ---------------------------------------------------------------- end-to-end lag

    /**
     * Open loop at {@code share} of {@code maxRate} commands per second: each command is sent on schedule by one of
     * 64 workers; after every fifth command's 2xx, the same worker asks the query API for that version
     * ({@code minVersion}, which waits until the read model holds it). The lag is from the 2xx to that answer.
     */
    private void lag(String command, String query, People people, double maxRate, double share, Duration duration)
            throws Exception {
        double rate = maxRate * share;
        int workers = 64;
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            clients.add(new Client(command, people, i));
        }
        java.util.concurrent.BlockingQueue<Client> idle = new java.util.concurrent.LinkedBlockingQueue<>(clients);
        Latencies lags = new Latencies();
        Latencies commands = new Latencies();
        List<Probe> probes = new ArrayList<>();
        AtomicLong missed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long periodNanos = (long) (1e9 / rate);
        long warmUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long until = warmUntil + duration.toNanos();
        long sequence = 0;
        // where events wait, if they do: committed but not yet on Kafka (relay), or on Kafka but not yet applied
        AtomicLong maxRelayLag = new AtomicLong();
        AtomicLong maxProjectionLag = new AtomicLong();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    maxRelayLag.accumulateAndGet(call(command, admin, "GET",
                            "/actuator/metrics/docket.relay.lag.events", null, 200).get("measurements").get(0)
                            .get("value").asLong(), Math::max);
                    maxProjectionLag.accumulateAndGet(call(query, admin, "GET", "/api/admin/read-models", null, 200)
                            .get("progress").get("lagEvents").asLong(), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample
                }
            }
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            long next = System.nanoTime();
            while (next < until) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                boolean record = next >= warmUntil;
                boolean probe = sequence % 5 == 0;
                boolean plainRead = sequence++ % 25 == 0; // every fifth probe: few enough not to add load
                next += periodNanos;
                Client client = idle.poll();
                if (client == null) {
                    missed.incrementAndGet();
                    continue;
                }
                pool.submit(() -> {
                    try {
                        long sent = System.nanoTime();
                        Changed changed = client.next();
                        long acknowledged = System.nanoTime();
                        Instant acknowledgedAt = Instant.now();
                        long read = 0;
                        if (probe) {
                            call(query, client.token, "GET", "/api/tickets/" + changed.ticket() + "?minVersion="
                                    + changed.version(), null, 200);
                        }
                        long visible = System.nanoTime();
                        Instant visibleAt = Instant.now();
                        if (plainRead && record) {
                            // the same read once more, with nothing to wait for: what the read itself costs
                            call(query, client.token, "GET", "/api/tickets/" + changed.ticket() + "?minVersion="
                                    + changed.version(), null, 200);
                            read = System.nanoTime() - visible;
                        }
                        if (record) {
                            synchronized (lags) {
                                commands.add(acknowledged - sent);
                                if (probe) {
                                    lags.add(visible - acknowledged);
                                    probes.add(new Probe(changed, acknowledgedAt, visibleAt, read));
                                }
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        idle.add(client);
                    }
                });
            }
        }
        sampler.interrupt();
        sampler.join();
        report.add(String.format("## End-to-end lag at %.0f%% of the maximum rate: from a command's 2xx to the change "
                + "readable in the query API%n", share * 100));
        report.add(String.format("Open loop at %.0f commands/s: %.2f of %.0f/s, the mix's rate at 8 clients measured "
                + "with the query service running. %d s after a 5 s warm-up, 64 workers; every fifth command "
                + "followed by `GET /api/tickets/{id}?minVersion=<its version>`.%n", rate, share, maxRate,
                duration.toSeconds()));
        report.add("| measured | samples | p50 / p99 ms |");
        report.add("|---|---|---|");
        report.add(String.format("| lag: 2xx to readable (the read includes one HTTP round trip) | %d | %s |",
                lags.count(), lags.p50p99()));
        report.add(String.format("| the command itself, at this rate (for comparison) | %d | %s |", commands.count(),
                commands.p50p99()));
        steps(probes).forEach(report::add);
        report.add(String.format("%nSchedule slots missed (no free worker): %d; failed calls: %d. Most events waiting, "
                + "sampled every 250 ms: %d committed and not yet on Kafka (relay), %d on Kafka and not yet applied "
                + "(projection).%n", missed.get(), failed.get(), maxRelayLag.get(), maxProjectionLag.get()));
        System.out.printf("lag at %.0f/s: %s (commands %s), missed %d, failed %d, max relay lag %d, max projection "
                + "lag %d%n", rate, lags.p50p99(), commands.p50p99(), missed.get(), failed.get(), maxRelayLag.get(),
                maxProjectionLag.get());
    }

    /** A probed command: its change, when its 2xx arrived, when the change was readable, and a plain read's time. */
    record Probe(Changed changed, Instant acknowledged, Instant visible, long readNanos) {
    }

    /**
     * Where a probed command's lag goes, step by step, from what the event store and the topic hold: the event's
     * time (decided, before its commit), the relay's send to Kafka (the record's create time, in milliseconds), the
     * 2xx and the read as the client saw them, and the same read once more with nothing to wait for.
     */
    private List<String> steps(List<Probe> probes) throws Exception {
        Map<String, Instant> decided = new HashMap<>();
        try (Connection db = databases.connect("docket_bench_command");
             PreparedStatement select = db.prepareStatement("""
                     SELECT e.aggregate_identifier, e.sequence_number, e.time_stamp
                     FROM domain_event_entry e
                     JOIN unnest(?::text[], ?::bigint[]) AS p(id, seq)
                       ON e.aggregate_identifier = p.id AND e.sequence_number = p.seq""")) {
            select.setArray(1, db.createArrayOf("text", probes.stream().map(p -> p.changed().ticket().toString())
                    .toArray()));
            select.setArray(2, db.createArrayOf("bigint", probes.stream().map(p -> p.changed().version() - 1)
                    .toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    decided.put(rs.getString(1) + "/" + (rs.getLong(2) + 1), Instant.parse(rs.getString(3)));
                }
            }
        }
        Map<String, Long> published = publishTimes();
        Latencies commit = new Latencies();
        Latencies relay = new Latencies();
        Latencies readable = new Latencies();
        Latencies read = new Latencies();
        for (Probe probe : probes) {
            String key = probe.changed().ticket() + "/" + probe.changed().version();
            Instant decidedAt = decided.get(key);
            Long sentMillis = published.get(key);
            if (decidedAt == null || sentMillis == null) {
                continue;
            }
            Instant sentAt = Instant.ofEpochMilli(sentMillis);
            commit.add(Duration.between(decidedAt, probe.acknowledged()).toNanos());
            relay.add(Duration.between(decidedAt, sentAt).toNanos());
            readable.add(Duration.between(sentAt, probe.visible()).toNanos());
            if (probe.readNanos() > 0) {
                read.add(probe.readNanos());
            }
        }
        return List.of(
                "",
                "Step by step (same probes; the event's time is when the command decided, before its commit; the "
                        + "relay's send is the record's create time, in whole milliseconds):",
                "",
                "| step | samples | p50 / p99 ms |",
                "|---|---|---|",
                String.format("| decided to 2xx (commit, answer) | %d | %s |", commit.count(), commit.p50p99()),
                String.format("| decided to sent to Kafka (commit, relay woken, read, send) | %d | %s |",
                        relay.count(), relay.p50p99()),
                String.format("| sent to Kafka to readable (acknowledgement, fetch, projector transaction, the "
                        + "waiting read woken, its answer) | %d | %s |", readable.count(), readable.p50p99()),
                String.format("| every fifth probe: the same read again, with nothing to wait for (HTTP, token, "
                        + "query) | %d | %s |",
                        read.count(), read.p50p99()));
    }

    /** Each event's create time on the topic, by ticket and version. */
    private Map<String, Long> publishTimes() {
        Map<String, Long> times = new HashMap<>();
        for (var record : TopicReader.readAll(broker.bootstrapServers(), TOPIC)) {
            var version = record.headers().lastHeader(EventHeaders.SUBJECT_VERSION);
            if (version != null) {
                times.put(record.key() + "/" + new String(version.value(), StandardCharsets.UTF_8),
                        record.timestamp());
            }
        }
        return times;
    }

    // ---------------------------------------------------------------- rebuild

    /**
     * Rebuilds the read models from the topic {@code rounds} times (each a new generation filled from offset 0 beside
     * the serving one, then switched to), timed to the switch; after each, {@code COPY}s as many rows into a copy of
     * the read model's ticket table (with its indexes) as the topic holds events. Each round's ratio sets the two
     * side by side at the same moment; the median round is the figure.
     */
    private void rebuild(String query, int rounds) throws Exception {
        long events;
        try (Connection db = databases.connect("docket_bench_command")) {
            events = BenchDatabase.scalar(db, "SELECT count(*) FROM domain_event_entry");
        }
        report.add("## Rebuild: every read model from the topic, beside PostgreSQL's COPY\n");
        report.add("Each round: the rebuild through the projector (from offset 0 to the switch) over " + events
                + " events, then `COPY` of as many read-model ticket rows into a copy of that table with its indexes.\n");
        report.add("| round | rebuild, s | events/s | `COPY`, s | rows/s | ratio |");
        report.add("|---|---|---|---|---|---|");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Rebuilt rebuilt = rebuildOnce(query);
            double rebuildSeconds = rebuilt.seconds();
            double copySeconds = copyRows(rebuilt.generation(), events);
            double ratio = (events / rebuildSeconds) / (events / copySeconds);
            ratios.add(ratio);
            report.add(String.format("| %d | %.1f | %.0f | %.1f | %.0f | %.2fx |", round, rebuildSeconds,
                    events / rebuildSeconds, copySeconds, events / copySeconds, ratio));
            System.out.printf("rebuild %d: %d events in %.1f s; COPY %d rows in %.1f s: %.2fx%n", round, events,
                    rebuildSeconds, events, copySeconds, ratio);
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        report.add("");
        report.add(String.format("Median ratio %.2fx (lowest %.2fx, highest %.2fx).%n", sorted.get(sorted.size() / 2),
                sorted.getFirst(), sorted.getLast()));
    }

    /** A rebuild: the generation it switched to, and the seconds from its request to the switch. */
    private record Rebuilt(int generation, double seconds) {
    }

    /**
     * Starts a rebuild and waits for its switch, watched in the generation registry (one small row read every 20 ms
     * from PostgreSQL): polling the admin API instead took about 3% of the two cores from the rebuild it timed.
     */
    private Rebuilt rebuildOnce(String query) throws Exception {
        awaitCaughtUp(query, Duration.ofMinutes(5));
        try (Connection db = databases.connect("docket_bench_query")) {
            long start = System.nanoTime();
            int generation = call(query, admin, "POST", "/api/admin/read-models/rebuild", null, 202)
                    .get("number").asInt();
            long deadline = start + Duration.ofMinutes(30).toNanos();
            while (BenchDatabase.scalar(db, "SELECT count(*) FROM read_model_generation WHERE state = 'active' AND generation = "
                    + generation) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the rebuild did not finish in 30 minutes");
                }
                Thread.sleep(20);
            }
            return new Rebuilt(generation, (System.nanoTime() - start) / 1e9);
        }
    }

    /** {@code COPY} of {@code count} real rows of {@code generation}'s ticket table (fresh ids); the seconds. */
    private double copyRows(int generation, long count) throws Exception {
        try (Connection db = databases.connect("docket_bench_query"); Statement statement = db.createStatement()) {
            String schema = "rm_" + generation;
            statement.execute("DROP TABLE IF EXISTS public.copy_ticket");
            statement.execute("CREATE TABLE public.copy_ticket (LIKE " + schema + ".ticket INCLUDING ALL)");
            long tickets = BenchDatabase.scalar(db, "SELECT count(*) FROM " + schema + ".ticket");
            Path rows = Files.createTempFile("docket-bench-copy", ".tsv");
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            java.io.StringWriter source = new java.io.StringWriter();
            copy.copyOut("COPY (SELECT * FROM " + schema + ".ticket) TO STDOUT", source);
            String[] lines = source.toString().split("\n");
            // as many rows as the topic holds events, each a real row with a fresh id and number
            try (var writer = Files.newBufferedWriter(rows)) {
                for (long i = 0; i < count; i++) {
                    String[] fields = lines[(int) (i % tickets)].split("\t", -1);
                    fields[0] = UUID.randomUUID().toString();
                    fields[1] = "COPY-" + i;
                    writer.write(String.join("\t", fields));
                    writer.write('\n');
                }
            }
            long copyStart = System.nanoTime();
            try (var reader = Files.newBufferedReader(rows)) {
                copy.copyIn("COPY public.copy_ticket FROM STDIN", reader);
            }
            double seconds = (System.nanoTime() - copyStart) / 1e9;
            Files.delete(rows);
            statement.execute("DROP TABLE public.copy_ticket");
            return seconds;
        }
    }

    private void awaitCaughtUp(String query, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (call(query, admin, "GET", "/api/admin/read-models", null, 200).get("progress").get("lagEvents")
                .asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the query service did not catch up");
            }
            Thread.sleep(200);
        }
    }

    // ---------------------------------------------------------------- service levels

    /**
     * Service levels at scale, beside a second command service with them off ({@code DOCKET_SLA_ENABLED=false}):
     * {@code --sla-tickets} (100,000) tickets opened on each, those on the first under a policy whose first response
     * breaches after two minutes. Then (1) the delay from each breach's due time to its event being stored, (2) the
     * CPU each service and PostgreSQL use per second while every ticket's clocks run and nothing happens, (3) the
     * command mix on both, in alternating rounds.
     */
    private void serviceLevels(Contender on, int offPort, Path logs, Duration warmUp, Duration measure)
            throws Exception {
        int tickets = Integer.parseInt(options.getOrDefault("sla-tickets", "100000"));
        int rounds = Integer.parseInt(options.getOrDefault("sla-rounds", "3"));
        String offBase = "http://127.0.0.1:" + offPort;
        ServiceProcess offProcess = start("command-service-sla-off", "command-service", Map.of(
                "DOCKET_COMMAND_PORT", Integer.toString(offPort),
                "DOCKET_COMMAND_DB_URL", databases.jdbcUrl("docket_bench_command_sla_off"),
                "DOCKET_KAFKA_TOPIC", "docket.bench-sla-off",
                "DOCKET_SLA_ENABLED", "false"), offPort, logs);
        Contender off = new Contender(offBase, register(offBase), offProcess);
        call(on.base(), admin, "PUT", "/api/sla/policies", Map.of("reason", "benchmark", "policies", List.of(Map.of(
                "id", "bench", "name", "Benchmark",
                "targets", List.of(
                        Map.of("priority", "normal", "metric", "first_response", "minutes", 2, "basis", "calendar"),
                        Map.of("priority", "normal", "metric", "next_response", "minutes", 600, "basis", "calendar"),
                        Map.of("priority", "normal", "metric", "resolution", "minutes", 6000, "basis", "calendar",
                                "warnMinutesBefore", 60))))), 200);

        // the tickets: first on the service without service levels, then on the one with them, so that nothing
        // else runs while the breaches fall due
        double offRate = openTickets(off, tickets);
        long opening = System.nanoTime();
        double onRate = openTickets(on, tickets);
        System.out.printf("opened %,d tickets: %.0f/s with service levels, %.0f/s without%n", tickets, onRate, offRate);
        long breached;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Connection db = databases.connect("docket_bench_command")) {
            do {
                Thread.sleep(1_000); // the benchmark waits for the breaches to fall due; no test does
                breached = BenchDatabase.scalar(db, "SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                        + "'dev.docket.events.SlaBreached'");
            } while (breached < tickets && System.nanoTime() < deadline);
            System.out.printf("%,d breaches recorded %.0f s after the first opening%n", breached,
                    (System.nanoTime() - opening) / 1e9);
            double[] delay = new double[4];
            try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.99) WITHIN GROUP (ORDER BY d),
                           max(d), count(*)
                    FROM (SELECT extract(epoch FROM time_stamp::timestamptz
                                 - (convert_from(payload, 'UTF8')::jsonb ->> 'dueAt')::timestamptz) * 1000 AS d
                          FROM domain_event_entry WHERE payload_type = 'dev.docket.events.SlaBreached') delays""")) {
                rs.next();
                for (int i = 0; i < 4; i++) {
                    delay[i] = rs.getDouble(i + 1);
                }
            }
            report.add("## Service levels at " + String.format("%,d", tickets) + " open tickets\n");
            report.add(String.format("Opening the tickets (16 clients): %.0f/s with service levels on, %.0f/s with "
                    + "them off.%n", onRate, offRate));
            report.add(String.format("Due time to breach event stored, over %,.0f first-response breaches falling "
                    + "due at the rate the tickets were opened: p50 %.0f ms, p99 %.0f ms, max %.0f ms (sweep "
                    + "interval 500 ms).%n", delay[3], delay[0], delay[1], delay[2]));
        }

        // a steady stream: breaches falling due at --sla-paced-rate a second, below what the sweepers record
        int pacedRate = Integer.parseInt(options.getOrDefault("sla-paced-rate", "50"));
        int pacedSeconds = Integer.parseInt(options.getOrDefault("sla-paced-seconds", "60"));
        if (pacedRate > 0 && pacedSeconds > 0) {
            Instant pacedStart = Instant.now();
            int paced = openTicketsPaced(on, pacedRate, pacedSeconds);
            try (Connection db = databases.connect("docket_bench_command")) {
                long recorded;
                long pacedDeadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
                String pacedBreaches = "FROM domain_event_entry WHERE payload_type = 'dev.docket.events.SlaBreached' "
                        + "AND (convert_from(payload, 'UTF8')::jsonb ->> 'dueAt')::timestamptz >= '" + pacedStart
                        + "'::timestamptz";
                do {
                    Thread.sleep(1_000); // the benchmark waits for the breaches to fall due; no test does
                    recorded = BenchDatabase.scalar(db, "SELECT count(*) " + pacedBreaches);
                } while (recorded < paced && System.nanoTime() < pacedDeadline);
                try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.99) WITHIN GROUP
                               (ORDER BY d), max(d), count(*)
                        FROM (SELECT extract(epoch FROM time_stamp::timestamptz
                                     - (convert_from(payload, 'UTF8')::jsonb ->> 'dueAt')::timestamptz) * 1000 AS d
                              """ + pacedBreaches + ") delays")) {
                    rs.next();
                    report.add(String.format("A steady stream: %,d tickets opened at %d a second for %d s, their "
                            + "breaches falling due at that rate: due time to breach event stored p50 %.0f ms, p99 "
                            + "%.0f ms, max %.0f ms (%,d recorded).%n", paced, pacedRate, pacedSeconds,
                            rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4)));
                }
            }
        }

        // idle: every ticket's clocks run on the first service; the sweep looks for what is due twice a second
        Duration idle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("sla-idle-seconds", "30")));
        CpuTime.Used onIdle = idleCpu(on.process(), idle);
        CpuTime.Used offIdle = idleCpu(off.process(), idle);
        report.add(String.format("Idle, %,d tickets with running clocks: the service with service levels used "
                + "%.1f ms of CPU per second and PostgreSQL %.1f ms; the one without %.1f ms and %.1f ms.%n",
                tickets, onIdle.serviceNanos() / 1e6 / idle.toSeconds(), onIdle.databaseNanos() / 1e6 / idle.toSeconds(),
                offIdle.serviceNanos() / 1e6 / idle.toSeconds(), offIdle.databaseNanos() / 1e6 / idle.toSeconds()));

        // the command mix, alternating, each on its own tickets
        int clients = 16;
        mix(on.base(), on.people(), 8, Duration.ZERO, Duration.ofSeconds(30));
        mix(off.base(), off.people(), 8, Duration.ZERO, Duration.ofSeconds(30));
        List<Double> ratios = new ArrayList<>();
        report.add("| round | with service levels | without | ratio |\n|---|---|---|---|");
        for (int round = 1; round <= rounds; round++) {
            Measured with = measure(on.process(), () -> mix(on.base(), on.people(), clients, warmUp, measure));
            Measured without = measure(off.process(), () -> mix(off.base(), off.people(), clients, warmUp, measure));
            double ratio = with.result().rate() / without.result().rate();
            ratios.add(ratio);
            System.out.printf("sla round %d: on %s | off %s | %.2fx%n", round, summary(with), summary(without), ratio);
            report.add(String.format("| %d | %s | %s | %.2fx |", round, summary(with), summary(without), ratio));
        }
        ratios.sort(Double::compare);
        report.add(String.format("%nCommand mix, %d clients, %d rounds of %d s: median ratio %.2fx (with service "
                + "levels / without).%n", clients, rounds, measure.toSeconds(), median(ratios)));
        offProcess.stop(Duration.ofSeconds(10));
    }

    /** Opens {@code count} tickets with 16 clients as fast as they go; answers the rate. */
    private double openTickets(Contender on, int count) throws Exception {
        long start = System.nanoTime();
        openTickets(on, count, 16, 0);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Opens tickets at {@code rate} a second for {@code seconds}, each on time (8 clients); answers how many. */
    private int openTicketsPaced(Contender on, int rate, int seconds) throws Exception {
        openTickets(on, rate * seconds, 8, 1_000_000_000L / rate);
        return rate * seconds;
    }

    /** Opens {@code count} tickets with {@code clients}; the n-th not before n intervals from the start (0: at once). */
    private void openTickets(Contender on, int count, int clients, long intervalNanos) throws Exception {
        long start = System.nanoTime();
        AtomicLong next = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String token = on.people().agentTokens().get(i % on.people().agentTokens().size());
                running.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        long wait = start + n * intervalNanos - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the load
                        }
                        UUID requester = on.people().requesters().get(
                                ThreadLocalRandom.current().nextInt(on.people().requesters().size()));
                        openTicket(on.base(), token, requester);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
    }

    private static CpuTime.Used idleCpu(ServiceProcess service, Duration idle) throws InterruptedException {
        CpuTime cpu = CpuTime.start(service.handle());
        Thread.sleep(idle.toMillis()); // measuring what nothing costs
        return cpu.stop();
    }

    // ---------------------------------------------------------------- plumbing

    private ServiceProcess start(String name, String module, Map<String, String> settings, int port, Path logs)
            throws Exception {
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
        environment.put("DOCKET_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(log);
        ServiceProcess process = ServiceProcess.start(name, jar, environment, port, log, Docket.jvmOptions());
        processes.add(process);
        process.awaitHealthy(Duration.ofMinutes(2));
        return process;
    }

    private JsonNode call(String base, String token, String method, String path, Object body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static String summary(Measured m) {
        return String.format("%s, CPU %.2f [%.2f] + %.2f ms/command", summary(m.result()), m.serviceCpuMillis(),
                m.settledCpuMillis(), m.databaseCpuMillis());
    }

    private static String summary(Result r) {
        return String.format("%.0f/s, p50/p99 %s ms, %d calls, %d failed", r.rate(), r.latencies().p50p99(),
                r.calls(), r.failures());
    }

    private void write(Path out) throws IOException {
        Files.createDirectories(out);
        Path file = out.resolve("command-" + LocalDate.now() + ".md");
        String header = "# Command-side benchmark, " + LocalDate.now() + "\n\n`bench/run-command-benchmark.sh "
                + String.join(" ", options.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toList()) + "` on " + Runtime.getRuntime().availableProcessors() + " CPUs, JDK "
                + Runtime.version() + ".\n\n";
        Files.writeString(file, header + String.join("\n", report) + "\n");
        System.out.println("\nWrote " + file);
        System.out.println(String.join("\n", report));
    }
}
