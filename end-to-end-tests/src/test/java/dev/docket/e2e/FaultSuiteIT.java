package dev.docket.e2e;

import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.launcher.ServiceProcess;
import dev.docket.testing.EventStoreContents;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TcpProxy;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under a steady command load, one fault after another against the packaged services, on a broker of their own
 * and behind a proxy to PostgreSQL: kill -9 of the query service, kill -9 of the command service in the middle of
 * relaying, the broker stopped for {@code docket.faults.broker-seconds} (30) and restarted, PostgreSQL unreachable
 * (every connection cut, as in a restart) for 10 s, and a second query instance joining and leaving the group.
 * Afterwards the consistency check finds no divergence, every acknowledged change is stored, and the topic holds
 * every stored event, repeats only as redeliveries of the same id.
 */
class FaultSuiteIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration BROKER_DOWN = Duration.ofSeconds(Long.getLong("docket.faults.broker-seconds", 30));

    private final PostgresDatabase commandDb = PostgresDatabase.create("faultcommand");
    private final PostgresDatabase queryDb = PostgresDatabase.create("faultquery");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String topic = "docket.fault-events";
    private final int[] ports = LocalKafkaBroker.freePorts(3);
    private final int commandPort = ports[0];
    private final int queryPort = ports[1];
    private final int secondQueryPort = ports[2];
    private final Path logs = Path.of("target", "e2e-logs", "faults");
    private LocalKafkaBroker broker;
    private TcpProxy postgres;
    private ServiceProcess command;
    private ServiceProcess query;

    @AfterEach
    void tearDown() {
        for (ServiceProcess service : new ServiceProcess[]{command, query}) {
            if (service != null) {
                service.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        commandDb.close();
        queryDb.close();
    }

    @Test
    void nothingIsLostOrAppliedTwiceThroughCrashesAndOutages() throws Exception {
        broker = LocalKafkaBroker.startOnFreePorts(Files.createTempDirectory("docket-fault-kafka"));
        URI database = URI.create(commandDb.jdbcUrl().substring("jdbc:".length()));
        postgres = new TcpProxy(database.getHost(), database.getPort());
        command = startCommand();
        query = startQuery(queryPort, "query-service");
        command.awaitHealthy(Duration.ofSeconds(120));
        query.awaitHealthy(Duration.ofSeconds(120));
        String requester = json(call("POST", commandUrl("/api/users"), "{\"email\":\"faults@example.com\","
                + "\"displayName\":\"Fay\",\"role\":\"requester\"}")).get("id").asString();

        Load load = new Load(requester);
        load.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.accepted.get() > 50);

        step("kill -9 query-service", () -> {
            query.kill();
            query = startQuery(queryPort, "query-service");
            query.awaitHealthy(Duration.ofSeconds(120));
        });
        step("kill -9 command-service mid-relay", () -> {
            command.kill();
            command = startCommand();
            command.awaitHealthy(Duration.ofSeconds(120));
        });
        step("Kafka down for " + BROKER_DOWN.toSeconds() + " s", () -> {
            broker.stop();
            // every answer stays clean for the whole outage
            await().during(BROKER_DOWN).atMost(BROKER_DOWN.plusSeconds(30)).until(load.faults::isEmpty);
            broker.restart(Duration.ofSeconds(60));
        });
        step("PostgreSQL unreachable for 10 s", () -> {
            postgres.cut();
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(40)).until(load.faults::isEmpty);
            postgres.restore();
        });
        step("a second query-service joins the group, then leaves", () -> {
            ServiceProcess second = startQuery(secondQueryPort, "query-service-2");
            second.awaitHealthy(Duration.ofSeconds(120));
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(40))
                    .until(() -> second.isAlive() && load.faults.isEmpty());
            second.stop(Duration.ofSeconds(30));
        });
        await().atMost(Duration.ofSeconds(120)).until(() -> command.isHealthy() && query.isHealthy());
        int afterFaults = load.accepted.get();
        // the load goes on after the last fault before it stops
        await().atMost(Duration.ofSeconds(60)).until(() -> load.accepted.get() > afterFaults + 30);
        load.stop();

        System.out.printf("Fault suite: %d changes acknowledged, %d refused with 503 while PostgreSQL was away, "
                + "%d not answered while a service was down, statuses %s%n", load.accepted.get(),
                load.unavailable.get(), load.unanswered.get(), load.statuses);
        assertThat(load.faults).as("answers that were neither success nor a clean 503 problem").isEmpty();
        assertThat(load.unavailable.get()).as("commands refused cleanly while PostgreSQL was away").isPositive();

        Map<String, Long> stored = EventStoreContents.versions(commandDb);
        load.acknowledged.forEach((id, version) ->
                assertThat(stored.get(id)).as("acknowledged change of %s is stored", id).isGreaterThanOrEqualTo(version));

        long events = commandDb.queryLong("SELECT count(*) FROM domain_event_entry");
        Set<String> storedIds = EventStoreContents.eventIds(commandDb);
        // redeliveries repeat ids, so wait for every distinct id rather than for a number of records
        List<ConsumerRecord<String, byte[]>> published = TopicReader.readUntil(broker.bootstrapServers(), topic,
                records -> records.stream().map(FaultSuiteIT::eventId).collect(java.util.stream.Collectors.toSet())
                        .containsAll(storedIds), Duration.ofSeconds(120));
        List<String> ids = new ArrayList<>();
        published.forEach(r -> ids.add(eventId(r)));
        Set<String> distinct = new HashSet<>(ids);
        Set<String> missing = new java.util.TreeSet<>(storedIds);
        missing.removeAll(distinct);
        Set<String> foreign = new java.util.TreeSet<>(distinct);
        foreign.removeAll(storedIds);
        assertThat(missing).as("stored events missing from the topic; how the store and the topic hold some of "
                + "their tickets:\n%s", missing.isEmpty() ? "" : diagnoseMissing(missing)).isEmpty();
        assertThat(foreign).as("records on the topic of no stored event").isEmpty();
        System.out.printf("Fault suite: %d events stored, %d records on the topic, %d of them redeliveries%n",
                events, ids.size(), ids.size() - distinct.size());

        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                last.set(consistencyCheck());
                return last.get() != null && last.get().get("divergences").asLong() == 0;
            });
        } catch (org.awaitility.core.ConditionTimeoutException diverged) {
            throw new AssertionError("the read models diverge: " + last.get() + "\nhow the store and the topic hold "
                    + "the diverging tickets:\n" + diagnose(last.get(), published), diverged);
        }
        JsonNode check = last.get();
        System.out.printf("Fault suite: consistency check over %d tickets, %d divergences%n",
                check.get("ticketsChecked").asLong(), check.get("divergences").asLong());
        assertThat(check.get("ticketsChecked").asLong()).isEqualTo(stored.size() - 1);
    }

    /** Opens tickets and changes them, as fast as the services answer, with 3 clients. */
    private final class Load {

        final String requester;
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> faults = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newFixedThreadPool(3);

        Load(String requester) {
            this.requester = requester;
        }

        void start() {
            for (int c = 0; c < 3; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = send("POST", "/api/tickets", "{\"title\":\"Under fault\",\"requesterId\":\""
                                + requester + "\"}");
                        if (id != null) {
                            send("PUT", "/api/tickets/" + id + "/priority", "{\"priority\":\"high\"}");
                            send("POST", "/api/tickets/" + id + "/comments", "{\"body\":\"still here\"}");
                        }
                    }
                    return null;
                });
            }
        }

        /** The ticket id of a 2xx answer, else null. */
        private String send(String method, String path, String body) {
            try {
                HttpResponse<String> response = call(method, commandUrl(path), body);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() / 100 == 2) {
                    JsonNode answer = JSON.readTree(response.body());
                    acknowledged.merge(answer.get("id").asString(), answer.get("version").asLong(), Math::max);
                    accepted.incrementAndGet();
                    return answer.get("id").asString();
                }
                boolean problem = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json");
                if (response.statusCode() == 503 && problem) {
                    unavailable.incrementAndGet();
                } else {
                    faults.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
                }
            } catch (IOException down) {
                unanswered.incrementAndGet();
                awaitCommandService();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        /** After a refused connection: until the command service listens again (or the load stops). */
        private void awaitCommandService() {
            await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofMinutes(3))
                    .until(() -> !running.get() || listening(commandPort));
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    /**
     * For the tickets of (at most ten) events missing from the committed topic: the stored rows, the committed
     * records and every record including open or aborted transactions.
     */
    private String diagnoseMissing(Set<String> missingIds) throws Exception {
        Set<String> tickets = new java.util.TreeSet<>();
        try (Connection c = commandDb.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT aggregate_identifier FROM domain_event_entry WHERE event_identifier IN ('"
                        + String.join("','", missingIds.stream().limit(10).toList()) + "')")) {
            while (rs.next()) {
                tickets.add(rs.getString(1));
            }
        }
        return describe(tickets, TopicReader.readAll(broker.bootstrapServers(), topic, true))
                + "including uncommitted records:\n"
                + describe(tickets, TopicReader.readAll(broker.bootstrapServers(), topic, false));
    }

    /** For each diverging ticket: its stored rows (sequence, tx_id, global index) and its records' topic order. */
    private String diagnose(JsonNode report, List<ConsumerRecord<String, byte[]>> published) throws Exception {
        Set<String> tickets = new java.util.TreeSet<>();
        if (report != null) {
            report.get("items").forEach(item -> tickets.add(item.get("ticketId").asString()));
        }
        tickets.remove("(all)");
        return describe(tickets, published);
    }

    private String describe(Set<String> tickets, List<ConsumerRecord<String, byte[]>> published) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String ticket : tickets) {
            out.append(ticket).append("\n  stored:");
            try (Connection c = commandDb.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT sequence_number, tx_id::text, global_index FROM domain_event_entry WHERE "
                            + "aggregate_identifier = '" + ticket + "' ORDER BY sequence_number")) {
                while (rs.next()) {
                    out.append(" v").append(rs.getLong(1) + 1).append("(tx ").append(rs.getString(2)).append(", gi ")
                            .append(rs.getLong(3)).append(')');
                }
            }
            out.append("\n  topic:");
            for (ConsumerRecord<String, byte[]> record : published) {
                if (ticket.equals(record.key())) {
                    out.append(" v").append(new String(record.headers().lastHeader("ce_subjectversion").value(),
                            StandardCharsets.UTF_8)).append("@").append(record.partition()).append('/')
                            .append(record.offset());
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** One fault, under load; then the platform must be healthy again. */
    private void step(String fault, Step step) throws Exception {
        System.out.println("Fault suite: " + fault);
        step.run();
        await().atMost(Duration.ofSeconds(120)).until(() -> command.isHealthy() && query.isHealthy());
    }

    private ServiceProcess startCommand() throws IOException {
        Map<String, String> env = common();
        env.putAll(Map.of("DOCKET_COMMAND_PORT", Integer.toString(commandPort),
                "DOCKET_COMMAND_DB_URL", throughProxy(commandDb),
                "DOCKET_RELAY_RETRY_BACKOFF", "200ms"));
        return ServiceProcess.start("command-service", Path.of(System.getProperty("docket.command-service.jar")), env,
                commandPort, logs.resolve("command-service.log"), Docket.jvmOptions());
    }

    private ServiceProcess startQuery(int port, String name) throws IOException {
        Map<String, String> env = common();
        env.putAll(Map.of("DOCKET_QUERY_PORT", Integer.toString(port),
                "DOCKET_QUERY_DB_URL", throughProxy(queryDb),
                "DOCKET_COMMAND_BASE_URL", "http://127.0.0.1:" + commandPort,
                "DOCKET_DATA_KEYS_TOKEN", RunningPlatform.dataKeysToken(),
                "DOCKET_CONSUMER_RETRY_BACKOFF", "200ms"));
        return ServiceProcess.start(name, Path.of(System.getProperty("docket.query-service.jar")), env, port,
                logs.resolve(name + ".log"), Docket.jvmOptions());
    }

    private Map<String, String> common() {
        return new HashMap<>(Map.of(
                "DOCKET_AUTH_LOCAL_PUBLIC_KEY", TestIdentity.keys().tokenPublicKeyBase64(),
                "DOCKET_KEY_ENCRYPTION_KEY", TestIdentity.keys().keyEncryptionKeyBase64(),
                "DOCKET_DB_USER", commandDb.username(),
                "DOCKET_DB_PASSWORD", commandDb.password(),
                "DOCKET_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "DOCKET_KAFKA_TOPIC", topic,
                "DOCKET_DB_CONNECTION_TIMEOUT", "2000"));
    }

    private String throughProxy(PostgresDatabase database) {
        URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + url.getPath();
    }

    private JsonNode consistencyCheck() {
        try {
            HttpResponse<String> response = call("POST", "http://127.0.0.1:" + queryPort + "/api/admin/consistency-check",
                    null);
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private String commandUrl(String path) {
        return "http://127.0.0.1:" + commandPort + path;
    }

    private HttpResponse<String> call(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", TestIdentity.admin())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
