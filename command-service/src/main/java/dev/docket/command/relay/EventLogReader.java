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
     * One round's read, in one statement and so in one snapshot. The horizon: the oldest transaction still running
     * in that snapshot that could write to this database's event table, as a transaction id. A transaction that
     * another database's session owns cannot write here and does not hold the relay back; any transaction not known
     * to be elsewhere counts (a prepared or just-started one), so a race can only make the relay wait, never skip.
     * With nothing running, the horizon is the snapshot's next transaction id. Every transaction below the horizon
     * has ended in this snapshot, so the events read below it are all its committed ones: the events after the
     * position, in the relay's order, below the horizon. Also says whether committed events are waiting above the
     * horizon: the first such row by the relay's index (an {@code EXISTS} here was planned as a scan of the whole
     * table). With no event to read, one row of nulls carries the horizon. The order names the table's column: a bare
     * {@code tx_id} would be the selected text, and text puts 10000000 before 9999999.
     */
    private static final String NEXT_ROUND = """
            WITH h AS (
                SELECT COALESCE(
                    (SELECT min(running)
                     FROM pg_snapshot_xip(pg_current_snapshot()) AS running
                     WHERE xid(running) NOT IN (
                         SELECT backend_xid FROM pg_stat_activity
                         WHERE backend_xid IS NOT NULL AND datid IS NOT NULL
                           AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database()))),
                    pg_snapshot_xmax(pg_current_snapshot())) AS horizon)
            SELECT h.horizon::text,
                   (SELECT tx_id FROM domain_event_entry WHERE tx_id >= h.horizon ORDER BY tx_id LIMIT 1) IS NOT NULL,
                   e.tx_id::text, e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number,
                   e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data
            FROM h LEFT JOIN LATERAL (
                SELECT * FROM domain_event_entry
                WHERE (tx_id, global_index) > (?::xid8, ?) AND tx_id < h.horizon
                ORDER BY domain_event_entry.tx_id, global_index
                LIMIT ?) e ON true
            ORDER BY e.tx_id, e.global_index
            """;

    /**
     * What one round read: its horizon, the committed events after the position below it, and whether committed
     * events wait above the horizon for an older transaction to end.
     */
    record Round(long horizon, List<StoredEvent> events, boolean eventsWaiting) {
    }

    private final Connection connection;
    private final String relayName;
    /**
     * Held for the connection's life: prepared once, the round is planned once. Sent as plain text, PostgreSQL
     * planned the horizon on every wake-up: 0.63 ms a call against 0.12 prepared
     * ({@code bench/run-relay-wakeup-benchmark.sh}).
     */
    private final PreparedStatement nextRound;

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
        nextRound = connection.prepareStatement(NEXT_ROUND);
        nextRound.unwrap(PGStatement.class).setPrepareThreshold(1);
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

    Round nextRound(RelayPosition position, int limit) throws SQLException {
        nextRound.setString(1, Long.toString(position.txId()));
        nextRound.setLong(2, position.globalIndex());
        nextRound.setInt(3, limit);
        try (ResultSet rs = nextRound.executeQuery()) {
            List<StoredEvent> events = new ArrayList<>();
            long horizon = 0;
            boolean waiting = false;
            while (rs.next()) {
                horizon = Long.parseLong(rs.getString(1));
                waiting = rs.getBoolean(2);
                if (rs.getString(3) != null) {
                    events.add(new StoredEvent(new RelayPosition(Long.parseLong(rs.getString(3)), rs.getLong(4)),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getBytes(11), rs.getBytes(12)));
                }
            }
            return new Round(horizon, events, waiting);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
