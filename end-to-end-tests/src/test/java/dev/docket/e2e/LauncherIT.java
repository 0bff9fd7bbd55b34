package dev.docket.e2e;

import dev.docket.kafka.local.LocalKafkaBroker;
import dev.docket.launcher.Docket;
import dev.docket.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./docket up}'s launcher, run from its jar as the script runs it. Killed outright ({@code kill -9}, so no
 * shutdown hook of its own runs), it leaves nothing behind: its services notice within seconds and stop, freeing
 * their ports. And a launcher started while services of an earlier one still run refuses, saying what to do.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("docket.launcher.jar"));
    private static final Path REPOSITORY = Path.of(System.getProperty("docket.repository"));

    @Test
    void theServicesEndWhenTheLauncherIsKilledOutright(@TempDir Path home) throws Exception {
        int[] ports = LocalKafkaBroker.freePorts(5);
        String prefix = "e2elauncher" + UUID.randomUUID().toString().substring(0, 8);
        Path output = home.resolve("launcher.out");
        List<ProcessHandle> services = new ArrayList<>();
        // the launcher creates both databases; closing these drops them
        try (PostgresDatabase command = PostgresDatabase.named(prefix + "_command");
             PostgresDatabase query = PostgresDatabase.named(prefix + "_query")) {
            Process launcher = launcher(home, prefix, ports, output);
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Files.readString(output).contains("Docket is up.") || !launcher.isAlive());
                assertThat(launcher.isAlive()).as(Files.readString(output)).isTrue();
                services.addAll(launcher.toHandle().children().toList());
                assertThat(services).as("the command and the query service, and the console").hasSize(3);

                long killed = System.nanoTime();
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> services.stream().noneMatch(ProcessHandle::isAlive));
                System.out.printf("Launcher killed: its services were gone %.1f s later%n",
                        (System.nanoTime() - killed) / 1e9);
                assertThat(isFree(ports[2])).as("the command service's port").isTrue();
                assertThat(isFree(ports[3])).as("the query service's port").isTrue();
                assertThat(isFree(ports[4])).as("the console's port").isTrue();
            } finally {
                launcher.destroyForcibly();
                services.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aLauncherRefusesToStartOverServicesLeftRunning(@TempDir Path home) throws Exception {
        // this test's own JVM plays a service an earlier launcher noted and left behind
        long pid = ProcessHandle.current().pid();
        Files.writeString(home.resolve("services.pid"), "java " + pid + "\n");
        Path output = home.resolve("launcher.out");
        Process launcher = launcher(home, "e2eorphans", LocalKafkaBroker.freePorts(5), output);

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output)).contains("still running").contains("java pid " + pid)
                .contains("kill " + pid);
    }

    private static Process launcher(Path home, String prefix, int[] ports, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Docket.jvmOptions());
        command.addAll(List.of("-Ddocket.repository=" + REPOSITORY, "-jar", LAUNCHER.toString(), "up"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = new HashMap<>(Map.of(
                "DOCKET_HOME", home.toString(),
                "DOCKET_DB_HOST", PostgresDatabase.serverHost(),
                "DOCKET_DB_PORT", PostgresDatabase.serverPort(),
                "DOCKET_DB_USER", PostgresDatabase.serverUser(),
                "DOCKET_DB_PASSWORD", PostgresDatabase.serverPassword(),
                "DOCKET_DB_PREFIX", prefix,
                "DOCKET_KAFKA_PORT", Integer.toString(ports[0]),
                "DOCKET_KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]),
                "DOCKET_COMMAND_PORT", Integer.toString(ports[2]),
                "DOCKET_QUERY_PORT", Integer.toString(ports[3])));
        environment.put("DOCKET_CONSOLE_PORT", Integer.toString(ports[4]));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
