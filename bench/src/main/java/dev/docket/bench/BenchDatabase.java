package dev.docket.bench;

import dev.docket.identity.local.LocalKeys;
import dev.docket.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the benchmarks load: {@code DOCKET_BENCH_DB_HOST} (127.0.0.1:5432), {@code DOCKET_BENCH_DB_USER}
 * (postgres), {@code DOCKET_BENCH_DB_PASSWORD}; databases made afresh, or reused when already loaded.
 */
record BenchDatabase(String host, String user, String password) {

    static BenchDatabase fromEnvironment() {
        return new BenchDatabase(env("DOCKET_BENCH_DB_HOST", "127.0.0.1:5432"), env("DOCKET_BENCH_DB_USER", "postgres"),
                env("DOCKET_BENCH_DB_PASSWORD", ""));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Drops the database if it exists and creates it empty. */
    void recreate(String database) throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    /** Whether the database's active read models hold at least this many tickets already (then a load is skipped). */
    boolean holdsTickets(String database, long tickets) throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
            if (!rs.next()) {
                return false;
            }
        }
        try (Connection db = connect(database); Statement statement = db.createStatement()) {
            return Long.parseLong(single(statement, "SELECT coalesce((SELECT count(*) FROM rm_1.ticket), 0)")) >= tickets;
        } catch (SQLException noReadModels) {
            return false;
        }
    }

    /**
     * The query service in this process on the database, serving its read models without consuming (a benchmark
     * loads them itself), trusting tokens of {@code keys}. Command-line arguments outrank its application.yml.
     */
    ConfigurableApplicationContext queryService(String database, LocalKeys keys) {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--spring.datasource.url=" + jdbcUrl(database),
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--server.port=0",
                "--docket.consumer.enabled=false",
                "--docket.auth.local-public-key=" + keys.tokenPublicKeyBase64(),
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=OFF",
                "--spring.main.banner-mode=off");
    }

    /** Where a service started by {@link #queryService} answers. */
    static String baseUrl(ConfigurableApplicationContext service) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long scalar(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
