package dev.docket.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What a command service's event store holds, read straight from its database, for tests that check for loss. */
public final class EventStoreContents {

    private EventStoreContents() {
    }

    /** Each aggregate's version: how many events it has. */
    public static Map<String, Long> versions(PostgresDatabase database) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT aggregate_identifier, max(sequence_number) + 1 FROM domain_event_entry GROUP BY 1")) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        }
        return versions;
    }

    /** Every stored event's id. */
    public static Set<String> eventIds(PostgresDatabase database) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_identifier FROM domain_event_entry")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
