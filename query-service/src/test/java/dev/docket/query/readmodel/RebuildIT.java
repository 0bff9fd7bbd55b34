package dev.docket.query.readmodel;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild fills a new generation of read models from the beginning of the topic while the active one keeps
 * answering, then switches over; no query fails or sees a half-built read model, and events that arrive during the
 * rebuild are in the new generation.
 */
class RebuildIT extends QueryServiceTestBase {

    private static final int TICKETS = 300;

    @Autowired
    SmartLifecycle readModelConsumers;

    @Autowired
    ReadModelGenerations generations;

    @Test
    void rebuildsIntoANewGenerationWhileQueriesAreAnsweredThroughoutThenSwitches() throws Exception {
        List<TicketId> tickets = new ArrayList<>();
        long position = 1;
        Instant at = Instant.now();
        for (int i = 0; i < TICKETS; i++) {
            TicketId id = new TicketId(UUID.randomUUID());
            tickets.add(id);
            events.sendAsync(new TicketOpened(id, "RB-" + i, "Rebuild me " + i, "", Priority.NORMAL,
                    ContractRecords.REQUESTER, List.of("rebuild")), 1, position++, at);
            events.sendAsync(new TicketStatusChanged(id, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, ""), 2,
                    position++, at);
            events.sendAsync(new TicketPriorityChanged(id, Priority.NORMAL, Priority.values()[i % 4]), 3,
                    position++, at);
        }
        events.flush();
        for (TicketId id : tickets) {
            awaitVersion(id, 3);
        }
        long totalBefore = getJson("/api/stats/status-counts").get("total").asLong();
        assertThat(totalBefore).isEqualTo(TICKETS);

        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> generationsSeen = ConcurrentHashMap.newKeySet();
        List<Long> totalsSeen = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (reading.get()) {
                try {
                    HttpResponse<String> counts = get("/api/stats/status-counts");
                    HttpResponse<String> search = get("/api/tickets?tag=rebuild&status=in_progress&limit=5");
                    HttpResponse<String> view = get("/api/tickets/" + tickets.get(i++ % TICKETS));
                    for (HttpResponse<String> response : List.of(counts, search, view)) {
                        if (response.statusCode() != 200) {
                            failures.add(response.uri() + " -> " + response.statusCode() + " " + response.body());
                        }
                        response.headers().firstValue("Docket-Read-Model-Generation").ifPresent(generationsSeen::add);
                    }
                    if (counts.statusCode() == 200) {
                        totalsSeen.add(json.readTree(counts.body()).get("total").asLong());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });

        // the reader has answers from the serving generation before the rebuild starts, however fast it is then
        await().atMost(Duration.ofSeconds(30)).until(() -> generationsSeen.contains("1"));
        HttpResponse<String> started = post("/api/admin/read-models/rebuild");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(json.readTree(started.body()).get("number").asInt()).isEqualTo(2);
        // Events keep arriving during the rebuild.
        TicketId during = new TicketId(UUID.randomUUID());
        events.send(new TicketOpened(during, "RB-during", "Opened during the rebuild", "", Priority.URGENT,
                ContractRecords.REQUESTER, List.of("rebuild")), 1, position++, Instant.now());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> getJson("/api/admin/read-models").get("activeGeneration").asInt() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> generationsSeen.contains("2"));
        reading.set(false);
        reader.join();

        assertThat(failures).isEmpty();
        assertThat(generationsSeen).contains("1", "2");
        assertThat(totalsSeen).isNotEmpty().allMatch(total -> total >= TICKETS);
        assertThat(getJson("/api/tickets/" + during + "?minVersion=1").get("title").asString())
                .isEqualTo("Opened during the rebuild");
        assertThat(getJson("/api/stats/status-counts").get("total").asLong()).isEqualTo(TICKETS + 1);
        assertThat(queryLong("""
                SELECT count(*) FROM (SELECT id, number, title, status, priority, tags, archived, version,
                                             search_vector::text FROM rm_1.ticket
                                      EXCEPT
                                      SELECT id, number, title, status, priority, tags, archived, version,
                                             search_vector::text FROM rm_2.ticket) missing""")).isZero();
        assertThat(queryLong("SELECT count(*) FROM rm_2.audit_entry")).isEqualTo(3L * TICKETS + 1);
        // filled without its query-only indexes, it serves with every index the first generation has
        assertThat(indexesOnlyIn(2, 1)).isZero();
        assertThat(indexesOnlyIn(1, 2)).isZero();
        assertThat(queryLong("SELECT count(*) FROM rm_2.query_index WHERE definition IS NOT NULL")).isZero();
        JsonNode registry = getJson("/api/admin/read-models").get("generations");
        assertThat(registry.get(0).get("state").asString()).isEqualTo("RETIRED");
        assertThat(registry.get(1).get("state").asString()).isEqualTo("ACTIVE");

        // The retired generation gets no more events, and the next rebuild drops it.
        TicketId after = new TicketId(UUID.randomUUID());
        events.send(ContractRecords.opened(after, "RB-after", "After the switch"), 1, position++, Instant.now());
        getJson("/api/tickets/" + after + "?minVersion=1");
        assertThat(queryLong("SELECT count(*) FROM rm_1.ticket WHERE id = '" + after + "'")).isZero();
    }

    @Test
    void aGenerationBeingBuiltGoesWithoutItsQueryOnlyIndexesUntilTheyAreBuiltBeforeItServes() throws Exception {
        readModelConsumers.stop();
        int building = 0;
        try {
            int active = getJson("/api/admin/read-models").get("activeGeneration").asInt();
            building = json.readTree(post("/api/admin/read-models/rebuild").body()).get("number").asInt();
            String schema = "rm_" + building;
            long queryOnly = queryLong("SELECT count(*) FROM " + schema + ".query_index");
            assertThat(queryOnly).isEqualTo(23);
            assertThat(indexesOnlyIn(active, building)).isEqualTo(queryOnly);
            assertThat(indexesOnlyIn(building, active)).isZero();

            // a restart leaves them deferred (with a migration pending, it builds them for it and defers them again)
            generations.afterSingletonsInstantiated();
            assertThat(queryLong("SELECT count(*) FROM " + schema + ".query_index WHERE definition IS NOT NULL"))
                    .isEqualTo(queryOnly);
            assertThat(indexesOnlyIn(active, building)).isEqualTo(queryOnly);
            // it cannot serve without them (as after a restart that deferred them again once they were built)
            int building1 = building;
            assertThatThrownBy(() -> generations.activate(building1)).isInstanceOf(IllegalStateException.class);
            assertThat(getJson("/api/admin/read-models").get("activeGeneration").asInt()).isEqualTo(active);

            assertThat(generations.buildQueryIndexes(building)).isTrue();
            assertThat(indexesOnlyIn(active, building)).isZero();
            assertThat(indexesOnlyIn(building, active)).isZero();
            assertThat(generations.buildQueryIndexes(building)).isFalse();

            // an instance upgraded during a rebuild begun before query_index existed: the migration that brings it
            // runs at start, and the generation goes on without its query-only indexes
            try (Connection c = database.connect(); Statement statement = c.createStatement()) {
                statement.execute("DROP TABLE " + schema + ".query_index");
                // nor had it what later migrations bring
                statement.execute("DROP TABLE " + schema + ".sla_config, " + schema + ".ticket_sla_fact, " + schema
                        + ".ticket_sla, " + schema + ".ticket_sla_clock");
                statement.execute("ALTER TABLE " + schema + ".ticket DROP COLUMN sla_due_at, DROP COLUMN sla_warn_at");
                statement.execute("DROP TABLE " + schema + ".sealed_text, " + schema + ".ticket_field_history, "
                        + schema + ".ticket_change");
                statement.execute("DROP INDEX " + schema + ".audit_entry_by_subject_time");
                statement.execute("DROP INDEX IF EXISTS " + schema + ".ticket_by_title, " + schema
                        + ".ticket_by_requester_name, " + schema + ".ticket_by_assignee_name, " + schema
                        + ".ticket_by_status_order");
                statement.execute("DELETE FROM " + schema + ".flyway_schema_history WHERE version IN ('3', '4', '5', "
                        + "'6', '7', '8')");
            }
            generations.afterSingletonsInstantiated();
            assertThat(indexesOnlyIn(active, building)).isEqualTo(queryOnly);
        } finally {
            if (building > 0) {
                generations.abandon(building);
            }
            readModelConsumers.start();
        }
    }

    /** Indexes (by name and definition) of generation {@code a} that generation {@code b} does not have. */
    private long indexesOnlyIn(int a, int b) throws Exception {
        return queryLong("""
                SELECT count(*) FROM (SELECT indexname, replace(indexdef, 'rm_%1$d.', 'rm_0.') FROM pg_indexes
                                      WHERE schemaname = 'rm_%1$d'
                                      EXCEPT
                                      SELECT indexname, replace(indexdef, 'rm_%2$d.', 'rm_0.') FROM pg_indexes
                                      WHERE schemaname = 'rm_%2$d') only_in_a""".formatted(a, b));
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneRunsAndARunningOneCanBeAbandoned() throws Exception {
        readModelConsumers.stop();
        try {
            HttpResponse<String> started = post("/api/admin/read-models/rebuild");
            assertThat(started.statusCode()).isEqualTo(202);
            int building = json.readTree(started.body()).get("number").asInt();

            HttpResponse<String> again = post("/api/admin/read-models/rebuild");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(json.readTree(again.body()).get("code").asString()).isEqualTo("REBUILD_IN_PROGRESS");

            HttpResponse<String> abandoned = http.send(authorized(
                    URI.create("http://127.0.0.1:" + port + "/api/admin/read-models/rebuild")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(abandoned.statusCode()).isEqualTo(204);
            assertThat(queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'rm_" + building + "'")).isZero();
            assertThat(getJson("/api/admin/read-models").get("generations").findValuesAsString("state"))
                    .doesNotContain("BUILDING");
        } finally {
            readModelConsumers.start();
        }
    }
}
