package dev.docket.query.ingest;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read models fall behind the running consumer's position: the projector commits without waiting for the disk,
 * so a crash of the query database can take its last applied batches (rows and stored offsets together) while the
 * consumer, which never noticed, goes on from where it was. Here the crash is played by putting every read-model
 * table back as it was before a ticket's first event. The next batch must not be applied over the hole: the consumer
 * reads again from what the read models hold, so the ticket arrives whole, and nothing is parked or applied twice.
 */
class ReadModelsBehindTheConsumerIT extends QueryServiceTestBase {

    @Test
    void aConsumerAheadOfTheReadModelsReadsAgainFromWhereTheyStand() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> readModelLag() == 0);
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        List<String> tables = jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'rm_1' "
                + "AND tablename <> 'flyway_schema_history'", String.class);
        jdbc.execute("CREATE SCHEMA before_crash");
        tables.forEach(table -> jdbc.execute("CREATE TABLE before_crash." + table + " AS TABLE rm_1." + table));
        long ticketsBefore = getJson("/api/stats/status-counts").get("total").asLong();

        TicketId ticket = new TicketId(UUID.randomUUID());
        Instant now = Instant.now();
        events.send(ContractRecords.opened(ticket, "LOST-1", "Opened just before the crash"), 1, 1, now);
        awaitVersion(ticket, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> readModelLag() == 0);

        // the database comes back without the ticket's batch; the consumer's position is past it
        jdbc.execute("BEGIN; " + String.join(" ", tables.stream().map(table -> "DELETE FROM rm_1." + table
                + "; INSERT INTO rm_1." + table + " SELECT * FROM before_crash." + table + ";").toList()) + " COMMIT");
        assertThat(queryLong("SELECT count(*) FROM rm_1.ticket WHERE id = '" + ticket + "'")).isZero();

        events.send(new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()),
                ContractRecords.REQUESTER.toString(), CommentVisibility.PUBLIC, "After the crash"), 2, 2, now);
        awaitVersion(ticket, 2);

        JsonNode view = getJson("/api/tickets/" + ticket);
        assertThat(view.get("version").asLong()).isEqualTo(2);
        assertThat(view.get("title").asString()).isEqualTo("Opened just before the crash");
        assertThat(view.get("counts").get("publicComments").asInt()).isEqualTo(1);
        assertThat(getJson("/api/stats/status-counts").get("total").asLong()).isEqualTo(ticketsBefore + 1);
        assertThat(queryLong("SELECT count(*) FROM rm_1.parked_event WHERE subject_id = '" + ticket + "'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM rm_1.audit_entry WHERE subject_id = '" + ticket + "'"))
                .isEqualTo(2);
        jdbc.execute("DROP SCHEMA before_crash CASCADE");
    }
}
