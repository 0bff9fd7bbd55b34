package dev.docket.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local platform runs, from environment variables with local defaults.
 *
 * @param home       directory for Kafka's data and the logs ({@code .docket} in the repository)
 * @param dbPrefix   the databases are {@code <dbPrefix>_command} and {@code <dbPrefix>_query}
 */
record LocalSettings(Path repository, Path home, String dbHost, int dbPort, String dbUser, String dbPassword,
                     String dbPrefix, int kafkaPort, int kafkaControllerPort, int commandPort, int queryPort,
                     int consolePort, int mcpPort) {

    static LocalSettings from(Map<String, String> env, Path repository) {
        return new LocalSettings(
                repository,
                Path.of(env.getOrDefault("DOCKET_HOME", repository.resolve(".docket").toString())),
                env.getOrDefault("DOCKET_DB_HOST", "127.0.0.1"),
                port(env, "DOCKET_DB_PORT", 5432),
                env.getOrDefault("DOCKET_DB_USER", "postgres"),
                env.getOrDefault("DOCKET_DB_PASSWORD", ""),
                prefix(env.getOrDefault("DOCKET_DB_PREFIX", "docket")),
                port(env, "DOCKET_KAFKA_PORT", 9092),
                port(env, "DOCKET_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "DOCKET_COMMAND_PORT", 8081),
                port(env, "DOCKET_QUERY_PORT", 8082),
                port(env, "DOCKET_CONSOLE_PORT", 8080),
                port(env, "DOCKET_MCP_PORT", 8083));
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a port number (1-65535), not '" + value + "'");
    }

    private static String prefix(String value) {
        if (!value.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("DOCKET_DB_PREFIX must be 1-41 lower-case letters, digits or _, "
                    + "starting with a letter, not '" + value + "'");
        }
        return value;
    }

    String commandDatabase() {
        return dbPrefix + "_command";
    }

    String queryDatabase() {
        return dbPrefix + "_query";
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    Path logs() {
        return home.resolve("logs");
    }
}
