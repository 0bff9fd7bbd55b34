package dev.docket.e2e;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is for people with Docker; no engine runs here, so this test keeps it consistent with the
 * services' own configuration: every variable compose sets is one the service reads, ports agree, and the
 * databases the services use are the ones PostgreSQL is told to create.
 */
class ComposeConsistencyTest {

    private static final Path REPO = Path.of(System.getProperty("docket.repository", ".."));

    @Test
    void everyVariableComposeSetsForAServiceIsOneThatServiceReads() throws IOException {
        for (String service : List.of("command-service", "query-service", "console", "mcp-server")) {
            String applicationYml = Files.readString(REPO.resolve(service + "/src/main/resources/application.yml"));
            for (String variable : environment(service).keySet()) {
                assertThat(applicationYml).as("%s reads %s", service, variable).contains("${" + variable + ":");
            }
        }
    }

    @Test
    void publishedPortsAreTheServicesPorts() throws IOException {
        assertThat(environment("command-service")).containsEntry("DOCKET_COMMAND_PORT", "8081");
        assertThat(ports("command-service")).containsExactly("8081:8081");
        assertThat(environment("query-service")).containsEntry("DOCKET_QUERY_PORT", "8082");
        assertThat(ports("query-service")).containsExactly("8082:8082");
        assertThat(environment("console")).containsEntry("DOCKET_CONSOLE_PORT", "8080");
        assertThat(ports("console")).containsExactly("8080:8080");
        assertThat(environment("console").get("DOCKET_QUERY_BASE_URL")).isEqualTo("http://query-service:8082");
        assertThat(environment("console").get("DOCKET_COMMAND_BASE_URL")).isEqualTo("http://command-service:8081");
        assertThat(environment("mcp-server")).containsEntry("DOCKET_MCP_PORT", "8083");
        assertThat(ports("mcp-server")).containsExactly("8083:8083");
        assertThat(environment("mcp-server").get("DOCKET_QUERY_BASE_URL")).isEqualTo("http://query-service:8082");
        assertThat(environment("mcp-server").get("DOCKET_COMMAND_BASE_URL")).isEqualTo("http://command-service:8081");
        assertThat(environment("command-service").get("DOCKET_QUERY_BASE_URL")).isEqualTo("http://localhost:8082");
    }

    @Test
    void theServicesUseDatabasesThatPostgresCreatesAndTheBrokersInternalListener() throws IOException {
        String init = Files.readString(REPO.resolve("docker/postgres-init.sql"));
        assertThat(init).contains("CREATE DATABASE " + database(environment("command-service").get("DOCKET_COMMAND_DB_URL")));
        assertThat(init).contains("CREATE DATABASE " + database(environment("query-service").get("DOCKET_QUERY_DB_URL")));
        String kafkaListeners = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        for (String service : List.of("command-service", "query-service")) {
            assertThat(kafkaListeners).contains("://" + environment(service).get("DOCKET_KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(environment(service).get("DOCKET_KAFKA_TOPIC")).isEqualTo("docket.ticket-events");
        }
    }

    @Test
    void theServicesAreBuiltFromThisRepository() throws IOException {
        for (String service : List.of("command-service", "query-service", "console", "mcp-server")) {
            Map<String, Object> build = (Map<String, Object>) service(service).get("build");
            assertThat(build.get("context")).isEqualTo(".");
            assertThat((Map<String, Object>) build.get("args")).containsEntry("MODULE", service);
            assertThat(REPO.resolve(service + "/pom.xml")).exists();
        }
        assertThat(Files.readString(REPO.resolve("Dockerfile"))).contains("-exec.jar");
    }

    private static String database(String jdbcUrl) {
        Matcher m = Pattern.compile("jdbc:postgresql://[^/]+/(\\w+)").matcher(jdbcUrl);
        assertThat(m.matches()).as(jdbcUrl).isTrue();
        return m.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(REPO.resolve("docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String name) throws IOException {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) service(name).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(String name) throws IOException {
        return (List<String>) service(name).get("ports");
    }
}
