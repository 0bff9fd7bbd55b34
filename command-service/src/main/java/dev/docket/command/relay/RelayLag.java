package dev.docket.command.relay;

import dev.docket.support.cache.Recent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * How far the relay is behind the event store: events committed but not yet acknowledged by Kafka, and the age of
 * the oldest of them. Read from the store and the relay's stored position, so every instance reports the same
 * figures, whichever one publishes. Published as {@code docket.relay.lag.events} and
 * {@code docket.relay.lag.seconds}; cached for a second.
 */
final class RelayLag {

    record Snapshot(long events, Duration age) {
    }

    private final JdbcClient jdbc;
    private final String relayName;
    private final Recent<Snapshot> recent = new Recent<>(Duration.ofSeconds(1), this::load);

    RelayLag(JdbcClient jdbc, String relayName) {
        this.jdbc = jdbc;
        this.relayName = relayName;
    }

    void register(MeterRegistry meters) {
        Gauge.builder("docket.relay.lag.events", this, lag -> lag.current().events())
                .description("Events committed in the event store and not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("docket.relay.lag.seconds", this, lag -> lag.current().age().toMillis() / 1000.0)
                .description("Age of the oldest event not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(meters);
    }

    Snapshot current() {
        return recent.get();
    }

    private Snapshot load() {
        // Served by the (tx_id, global_index) index from the relay's position on: its cost is the lag's size.
        return jdbc.sql("""
                        SELECT count(*) AS events, min(e.time_stamp::timestamptz) AS oldest
                        FROM domain_event_entry e
                        LEFT JOIN relay_position p ON p.relay_name = ?
                        WHERE (e.tx_id, e.global_index)
                              > (coalesce(p.last_tx_id, '0'::xid8), coalesce(p.last_global_index, -1))""")
                .param(relayName)
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now());
                    return new Snapshot(rs.getLong("events"), age.isNegative() ? Duration.ZERO : age);
                })
                .single();
    }
}
