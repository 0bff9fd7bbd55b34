package dev.docket.testing;

import dev.docket.kafka.local.LocalKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One real KRaft broker per test JVM, started on first use on free ports and stopped when the JVM exits. Tests
 * share it and keep apart by using their own topics ({@link #uniqueTopic(String)}) and consumer groups.
 */
public final class TestKafka {

    private static LocalKafkaBroker broker;

    private TestKafka() {
    }

    public static synchronized LocalKafkaBroker broker() {
        if (broker == null) {
            try {
                Path data = Files.createTempDirectory("docket-test-kafka");
                broker = LocalKafkaBroker.startOnFreePorts(data);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    deleteRecursively(data);
                }, "test-kafka-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    public static String uniqueTopic(String purpose) {
        return "test." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
