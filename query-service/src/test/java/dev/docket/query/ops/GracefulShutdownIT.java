package dev.docket.query.ops;

import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceApplication;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query service stopped gracefully in the middle of a backlog commits what it applied, and a new instance on
 * the same database continues from there: every event applied exactly once in effect (versions, counts and the
 * audit history all exact), none lost.
 */
class GracefulShutdownIT {

    private static final int TICKETS = 400;

    private final PostgresDatabase database = PostgresDatabase.create("queryshutdown");
    private final String topic = TestKafka.uniqueTopic("queryshutdown");
    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        database.close();
    }

    @Test
    void aStopMidBacklogLosesAndRepeatsNothing() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        List<TicketId> tickets = new ArrayList<>();
        long position = 0;
        Instant time = Instant.parse("2026-11-20T08:00:00Z");
        try (ContractRecords events = new ContractRecords(TestKafka.bootstrapServers(), topic)) {
            for (int i = 0; i < TICKETS; i++) {
                TicketId ticket = new TicketId(UUID.randomUUID());
                tickets.add(ticket);
                events.sendAsync(ContractRecords.opened(ticket, "GS-" + i, "Backlog " + i), 1, ++position, time);
                events.sendAsync(new TicketStatusChanged(ticket, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, null), 2,
                        ++position, time);
                events.sendAsync(new TicketStatusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, null),
                        3, ++position, time);
            }
            events.flush();
        }

        service = start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> database.queryLong("SELECT count(*) FROM rm_1.audit_entry") >= 30);
        service.close();
        service = null;
        long appliedBeforeStop = database.queryLong("SELECT count(*) FROM rm_1.audit_entry");
        assertThat(appliedBeforeStop).as("stopped mid-backlog").isLessThan(3L * TICKETS);

        service = start();
        await().atMost(Duration.ofSeconds(120)).until(() -> database.queryLong(
                "SELECT count(*) FROM rm_1.subject_progress WHERE version = 3") == TICKETS);

        assertThat(database.queryLong("SELECT count(*) FROM rm_1.audit_entry")).isEqualTo(3L * TICKETS);
        assertThat(database.queryLong("SELECT count(*) FROM rm_1.ticket WHERE status = 'resolved' AND version = 3"))
                .isEqualTo(TICKETS);
        assertThat(database.queryLong(
                "SELECT coalesce(sum(tickets), 0) FROM rm_1.ticket_count_by_status WHERE status = 'resolved'"))
                .isEqualTo(TICKETS);
        assertThat(database.queryLong("SELECT coalesce(sum(tickets), 0) FROM rm_1.ticket_count_by_status"))
                .isEqualTo(TICKETS);
        assertThat(database.queryLong("SELECT count(*) FROM rm_1.parked_event")).isZero();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--docket.kafka.topic=" + topic,
                "--spring.kafka.consumer.max-poll-records=10",
                "--docket.auth.local-public-key=" + TestIdentity.keys().tokenPublicKeyBase64());
    }
}
