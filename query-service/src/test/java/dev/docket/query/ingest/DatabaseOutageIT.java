package dev.docket.query.ingest;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure that says nothing about the events (the database unreachable, or too busy to grant a lock) is retried
 * for as long as it lasts, far beyond the attempts after which a failing event would be parked; none is parked,
 * and once the database is back every event is applied.
 */
class DatabaseOutageIT extends QueryServiceTestBase {

    @Test
    void batchesThatFailForTheDatabasesSakeAreRetriedForeverAndNeverPark() throws Exception {
        TicketId first = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(first, "OUT-FIRST", "Before the outage"), 1, 1, Instant.now());
        awaitVersion(first, 1);

        try (Connection blocker = database.connect(); Statement s = blocker.createStatement()) {
            // The service's sessions give up waiting for a lock after 100 ms (new sessions: drop the current ones).
            s.execute("ALTER DATABASE " + database.name() + " SET lock_timeout = '100ms'");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE rm_1.ticket IN ACCESS EXCLUSIVE MODE");

            List<TicketId> tickets = new ArrayList<>();
            long position = 2;
            for (int i = 0; i < 20; i++) {
                TicketId id = new TicketId(UUID.randomUUID());
                tickets.add(id);
                events.sendAsync(ContractRecords.opened(id, "OUT-" + i, "Outage " + i), 1, position++, Instant.now());
                events.sendAsync(new TicketPriorityChanged(id, Priority.HIGH, Priority.LOW), 2, position++,
                        Instant.now());
            }
            events.flush();
            // Keep the lock through many more failed batches than the three attempts after which an event that
            // fails for its own sake is parked.
            long failuresBefore = consumerFailures();
            await().atMost(Duration.ofSeconds(60)).until(() -> consumerFailures() >= failuresBefore + 8);
            assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
            try (var rs = s.executeQuery("SELECT count(*) FROM rm_1.ticket WHERE number <> 'OUT-FIRST'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing applied while the table is locked").isZero();
            }

            blocker.rollback();
            for (TicketId id : tickets) {
                awaitVersion(id, 2);
            }
        }
        assertThat(queryLong("SELECT count(*) FROM rm_1.parked_event")).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").statusCode() == 200);
    }

    private long consumerFailures() throws Exception {
        return json.readTree(get("/actuator/health").body()).at("/components/consumer/details/failures").asLong();
    }
}
