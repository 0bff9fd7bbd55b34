package dev.docket.testing;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A new, empty database on the test PostgreSQL server, dropped again on {@link #close()}. Its name starts with
 * {@code docket_test_} so a leftover from a killed run is easy to recognise.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String HOST = env("DOCKET_TEST_DB_HOST", "127.0.0.1");
    private static final String PORT = env("DOCKET_TEST_DB_PORT", "5432");
    private static final String USER = env("DOCKET_TEST_DB_USER", "postgres");
    private static final String PASSWORD = env("DOCKET_TEST_DB_PASSWORD", "");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates a database named {@code docket_test_<purpose>_<random>}. */
    public static PostgresDatabase create(String purpose) {
        String name = ("docket_test_" + purpose.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + HOST + ":" + PORT + " as " + USER
                    + " (is PostgreSQL running? see DOCKET_TEST_DB_* variables)", e);
        }
        return new PostgresDatabase(name);
    }

    /** A database another program creates under this name on the test server; closing it drops it. */
    public static PostgresDatabase named(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return new PostgresDatabase(name);
    }

    /** The test server's host and port, for a program that connects on its own. */
    public static String serverHost() {
        return HOST;
    }

    public static String serverPort() {
        return PORT;
    }

    public static String serverUser() {
        return USER;
    }

    public static String serverPassword() {
        return PASSWORD;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** A non-pooling data source: each call opens a new connection. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials());
    }

    /** The single number {@code sql} answers. */
    public long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops the database, disconnecting whoever is still connected. */
    @Override
    public void close() {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + name, e);
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", credentials());
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return properties;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
