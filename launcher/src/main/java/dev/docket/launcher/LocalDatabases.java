package dev.docket.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** Checks that PostgreSQL answers and creates Docket's databases when they are missing. */
final class LocalDatabases {

    private LocalDatabases() {
    }

    /** Thrown with a one-line explanation of what is wrong and how to provide a PostgreSQL. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    static void ensure(LocalSettings settings) throws Unreachable {
        try (Connection admin = connect(settings)) {
            for (String database : List.of(settings.commandDatabase(), settings.queryDatabase())) {
                if (!exists(admin, database)) {
                    try (Statement statement = admin.createStatement()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                    System.out.println("  created database " + database);
                }
            }
        } catch (SQLException e) {
            throw new Unreachable("Cannot use PostgreSQL at " + settings.dbHost() + ":" + settings.dbPort() + " as "
                    + settings.dbUser() + " (" + firstLine(e) + "). Start a local PostgreSQL, or run "
                    + "'docker compose up -d postgres', or point Docket at yours with DOCKET_DB_HOST, DOCKET_DB_PORT, "
                    + "DOCKET_DB_USER and DOCKET_DB_PASSWORD.");
        }
    }

    private static Connection connect(LocalSettings settings) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", settings.dbUser());
        credentials.setProperty("password", settings.dbPassword());
        credentials.setProperty("connectTimeout", "5");
        try {
            return DriverManager.getConnection(settings.jdbcUrl("postgres"), credentials);
        } catch (SQLException noPostgresDatabase) {
            return DriverManager.getConnection(settings.jdbcUrl("template1"), credentials);
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
