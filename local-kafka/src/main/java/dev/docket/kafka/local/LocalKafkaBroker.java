package dev.docket.kafka.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker running in this JVM. Its storage is formatted on first start and reused afterwards,
 * so a broker restarted on the same directory keeps its topics and offsets.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private LocalKafkaBroker(Path dataDirectory, int port, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker listening on {@code 127.0.0.1:port} (clients) and {@code 127.0.0.1:controllerPort} (the
     * KRaft controller), keeping its data under {@code dataDirectory}, and returns once it answers clients.
     */
    public static LocalKafkaBroker start(Path dataDirectory, int port, int controllerPort, Duration timeout) {
        LocalKafkaBroker broker = new LocalKafkaBroker(dataDirectory, port, controllerPort);
        broker.startServer(timeout);
        return broker;
    }

    /** Starts a broker on two free ports, for tests. */
    public static LocalKafkaBroker startOnFreePorts(Path dataDirectory) {
        int[] ports = freePorts(2);
        return start(dataDirectory, ports[0], ports[1], Duration.ofSeconds(60));
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Starts the broker again on the same ports and data after {@link #stop()}, as a broker that was down for a
     * while and comes back.
     */
    public synchronized void restart(Duration timeout) {
        if (server != null) {
            throw new IllegalStateException("broker is running");
        }
        startServer(timeout);
    }

    /** Stops the broker, keeping its data. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer(Duration timeout) {
        Properties config = config();
        formatStorageIfNew(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        awaitClients(timeout);
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDirectory.resolve("log").toAbsolutePath().toString());
        // One node: every internal topic has exactly one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created deliberately by their owner (the relay), never by a typo in a consumer.
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private void formatStorageIfNew(Properties config) {
        Path logDir = dataDirectory.resolve("log");
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            Path configFile = dataDirectory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                config.store(out, "written by LocalKafkaBroker to format the storage");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[]{
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitClients(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (!admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    lastFailure = notYet;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
        throw new IllegalStateException("Kafka broker did not answer within " + timeout, lastFailure);
    }

    /** A port that was free a moment ago on the loopback interface. */
    /**
     * {@code count} distinct free ports, all held open until each is chosen: asked one after another, the system may
     * hand out the same port twice (seen in CI: the broker's two listeners on one port).
     */
    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }
}
