package dev.docket.command.relay;

import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's view of the event store, on one dedicated connection that also holds the relay's advisory lock. When
 * the connection ends, so does the lock.
 */
final class EventLogReader implements AutoCloseable {

    /** First key of the relay's advisory lock: "DKTR". The second is the relay name's hash. */
    private static final int LOCK_NAMESPACE = 0x444B5452;

    /**
     * The oldest transaction still running that could write to this database's event table, as a transaction id.
     * A transaction that another database's session owns cannot write here and does not hold the relay back; any
     * transaction not known to be elsewhere counts (a prepared or just-started one), so a race can only make the
     * relay wait, never skip. With nothing running, the horizon is the next transaction id to be assigned.
     * Also says whether committed events are waiting above the horizon: the first such row by the relay's index
     * (an {@code EXISTS} here was planned as a scan of the whole table, on every wake-up).
     */
    private static final String HORIZON = """
            SELECT horizon::text,
                   (SELECT tx_id FROM domain_event_entry WHERE tx_id >= horizon ORDER BY tx_id LIMIT 1) IS NOT NULL
            FROM (SELECT COALESCE(
                    (SELECT min(running)
                     FROM pg_snapshot_xip(pg_current_snapshot()) AS running
                     WHERE xid(running) NOT IN (
                         SELECT backend_xid FROM pg_stat_activity
                         WHERE backend_xid IS NOT NULL AND datid IS NOT NULL
                           AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),
                    pg_snapshot_xmax(pg_current_snapshot())) AS horizon) AS h
            """;

    /**
     * Read after the horizon query, in a later snapshot: every row below the horizon has committed or aborted. The
     * order names the table's column: a bare {@code tx_id} would be the selected text ({@code tx_id::text}), and
     * text puts 10000000 before 9999999.
     */
    private static final String NEXT_EVENTS = """
            SELECT tx_id::text, global_index, event_identifier, aggregate_identifier, sequence_number, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            FROM domain_event_entry
            WHERE (tx_id, global_index) > (?::xid8, ?) AND tx_id < ?::xid8
            ORDER BY domain_event_entry.tx_id, global_index
            LIMIT ?
            """;

    record Horizon(long txId, boolean eventsWaiting) {
    }

    private final Connection connection;
    private final String relayName;
    /**
     * Held for the connection's life: prepared once, the horizon is planned once. Sent as plain text, PostgreSQL
     * planned it on every wake-up: 0.63 ms a call against 0.12 prepared ({@code bench/run-relay-wakeup-benchmark.sh}).
     */
    private final PreparedStatement horizon;

    EventLogReader(Connection connection, String relayName) throws SQLException {
        this.connection = connection;
        this.relayName = relayName;
        connection.setAutoCommit(true);
        // The position is a bookmark, not a record: losing its last updates in a crash of the database means the
        // relay publishes those events again (delivery is at least once), never that it skips one. So its updates
        // do not wait for the disk, and the commands' commits do not queue behind them for it.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = off");
        }
        horizon = connection.prepareStatement(HORIZON);
        horizon.unwrap(PGStatement.class).setPrepareThreshold(1);
    }

    /** Tries once to become the active relay. */
    boolean tryLock() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            statement.setInt(1, LOCK_NAMESPACE);
            statement.setInt(2, relayName.hashCode());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    RelayPosition loadPosition() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO relay_position (relay_name, last_tx_id, last_global_index) VALUES (?, '0', 0)
                ON CONFLICT (relay_name) DO NOTHING""")) {
            insert.setString(1, relayName);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_tx_id::text, last_global_index FROM relay_position WHERE relay_name = ?")) {
            select.setString(1, relayName);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new RelayPosition(Long.parseLong(rs.getString(1)), rs.getLong(2));
            }
        }
    }

    void savePosition(RelayPosition position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE relay_position SET last_tx_id = ?::xid8, last_global_index = ?, updated_at = now()
                WHERE relay_name = ?""")) {
            update.setString(1, Long.toString(position.txId()));
            update.setLong(2, position.globalIndex());
            update.setString(3, relayName);
            if (update.executeUpdate() != 1) {
                throw new SQLException("relay position row for " + relayName + " is missing");
            }
        }
    }

    Horizon horizon() throws SQLException {
        try (ResultSet rs = horizon.executeQuery()) {
            rs.next();
            return new Horizon(Long.parseLong(rs.getString(1)), rs.getBoolean(2));
        }
    }

    List<StoredEvent> eventsAfter(RelayPosition position, Horizon horizon, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(NEXT_EVENTS)) {
            statement.setString(1, Long.toString(position.txId()));
            statement.setLong(2, position.globalIndex());
            statement.setString(3, Long.toString(horizon.txId()));
            statement.setInt(4, limit);
            try (ResultSet rs = statement.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new StoredEvent(
                            new RelayPosition(Long.parseLong(rs.getString(1)), rs.getLong(2)),
                            rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10)));
                }
                return events;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
