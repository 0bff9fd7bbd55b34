package dev.docket.command.relay;

import dev.docket.command.privacy.PersonKeys;
import dev.docket.command.privacy.PersonalTexts;
import dev.docket.events.EventHeaders;
import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.UserId;
import dev.docket.support.kafka.KafkaClients;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestKafka;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The relay against a real PostgreSQL and a real Kafka broker. Events are written with plain JDBC so each test
 * controls exactly which transaction holds what and commits when; the relay does not look at payloads.
 */
class EventRelayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private PostgresDatabase db;
    private String topic;
    private final List<EventRelay> relays = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void freshStoreAndTopic() {
        db = PostgresDatabase.create("relay");
        Flyway.configure().dataSource(db.dataSource()).load().migrate();
        topic = TestKafka.uniqueTopic("relay");
    }

    @AfterEach
    void tearDown() throws SQLException {
        relays.forEach(EventRelay::stop);
        for (Connection c : connections) {
            c.close();
        }
        db.close();
    }

    @Test
    void publishesACommittedEventKeyedByTicketWithItsCloudEventsAttributes() throws Exception {
        TicketId ticket = newTicket();
        long position;
        try (Connection c = autocommit()) {
            position = append(c, ticket, 0);
        }
        startRelay("main");

        ConsumerRecord<String, byte[]> record = awaitRecords(r -> r.size() == 1).getFirst();

        assertThat(record.key()).isEqualTo(ticket.toString());
        assertThat(header(record, EventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, EventHeaders.TYPE)).isEqualTo("dev.docket.ticket.opened.v1");
        assertThat(header(record, EventHeaders.SUBJECT)).isEqualTo(ticket.toString());
        assertThat(header(record, EventHeaders.SUBJECT_VERSION)).isEqualTo("1");
        assertThat(header(record, EventHeaders.POSITION)).isEqualTo(Long.toString(position));
        assertThat(header(record, EventHeaders.ACTOR)).isEqualTo("tester");
        assertThat(header(record, EventHeaders.CORRELATION_ID)).isEqualTo("corr-" + ticket);
        assertThat(header(record, EventHeaders.CAUSATION_ID)).isEqualTo("cause-" + ticket + "-0");
        assertThat(header(record, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(record, EventHeaders.DATA_SCHEMA)).isEqualTo("urn:docket:schema:dev.docket.ticket.opened.v1");
        try (Connection c = autocommit(); Statement s = c.createStatement(); ResultSet stored = s.executeQuery(
                "SELECT event_identifier, time_stamp FROM domain_event_entry WHERE global_index = " + position)) {
            stored.next();
            assertThat(header(record, EventHeaders.ID)).isEqualTo(stored.getString("event_identifier"));
            assertThat(Instant.parse(header(record, EventHeaders.TIME))).isEqualTo(Instant.parse(stored.getString("time_stamp")));
        }
        assertThat(JSON.readValue(record.value(), TicketOpened.class).ticketId()).isEqualTo(ticket);
    }

    /**
     * The case a reader that follows global_index loses: transaction "early" takes a transaction id first, "late"
     * then appends (lower global_index), "early" appends (higher global_index) and commits, and is published while
     * "late" is still open. A sequence-following reader would now stand past late's row and never read it.
     */
    @Test
    void anEventHoldingALowerPositionThatCommitsAfterTheRelayPublishedAHigherOneIsNotSkipped() throws Exception {
        startRelay("main");
        TicketId lateTicket = newTicket();
        TicketId earlyTicket = newTicket();
        Connection early = transaction();
        Connection late = transaction();
        takeTransactionId(early);

        long latePosition = append(late, lateTicket, 0);
        long earlyPosition = append(early, earlyTicket, 0);
        assertThat(latePosition).isLessThan(earlyPosition);
        early.commit();

        List<ConsumerRecord<String, byte[]>> beforeLateCommits = awaitRecords(r -> r.size() == 1);
        assertThat(beforeLateCommits.getFirst().key()).isEqualTo(earlyTicket.toString());

        late.commit();

        List<ConsumerRecord<String, byte[]>> all = awaitRecords(r -> r.size() == 2);
        assertThat(all).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(earlyTicket.toString(), lateTicket.toString());
    }

    /**
     * Transaction ids are read in numeric order, never as text: where they gain a digit (999 to 1000, or 9,999,999
     * to 10,000,000 in a busy database) a textual order would publish a ticket's later event first. The rows get
     * chosen transaction ids just below the database's current one (the guard trigger, which sets them, is off for
     * the insert).
     */
    @Test
    void readsTransactionIdsInNumericOrderWhereTheyGainADigit() throws Exception {
        TicketId ticket = newTicket();
        try (Connection c = autocommit(); Statement s = c.createStatement()) {
            long current = takeTransactionId(c);
            long power = 10;
            while (power * 10 < current) {
                power *= 10;
            }
            s.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_guard_order");
            append(c, ticket, 0, "", power - 1);
            append(c, ticket, 1, "", power);
            s.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_guard_order");
        }
        startRelay("main");

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(r -> r.size() == 2);

        assertThat(records).extracting(r -> header(r, EventHeaders.SUBJECT_VERSION)).containsExactly("1", "2");
    }

    @Test
    void keepsEachTicketsEventsInOrderWhileTransactionsInterleave() throws Exception {
        startRelay("main");
        List<TicketId> tickets = List.of(newTicket(), newTicket(), newTicket(), newTicket());
        int eventsPerTicket = 6;
        try (Connection c = autocommit()) {
            for (int sequence = 0; sequence < eventsPerTicket; sequence++) {
                // each round: one transaction per ticket, started in one order and committed in reverse
                List<Connection> open = new ArrayList<>();
                for (TicketId ticket : tickets) {
                    Connection tx = transaction();
                    append(tx, ticket, sequence);
                    open.add(tx);
                }
                for (int i = open.size() - 1; i >= 0; i--) {
                    open.get(i).commit();
                }
            }
            assertThat(count(c)).isEqualTo(tickets.size() * eventsPerTicket);
        }

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(r -> r.size() == tickets.size() * eventsPerTicket);

        for (TicketId ticket : tickets) {
            assertThat(records.stream().filter(r -> r.key().equals(ticket.toString()))
                    .map(r -> header(r, EventHeaders.SUBJECT_VERSION)).toList())
                    .as("versions of %s in topic order", ticket)
                    .containsExactly("1", "2", "3", "4", "5", "6");
        }
    }

    /**
     * The twin trap: a transaction that wrote something before loading a ticket holds an older transaction id than
     * a transaction that meanwhile appended the ticket's next event. Its append would sort before that event in
     * the relay's order, so the database refuses it and the command is retried.
     */
    @Test
    void refusesAnAppendThatWouldPrecedeItsTicketsPreviousEventInCommitOrder() throws Exception {
        TicketId ticket = newTicket();
        try (Connection c = autocommit()) {
            append(c, ticket, 0);
        }
        Connection wroteFirst = transaction();
        takeTransactionId(wroteFirst); // e.g. stored an idempotency key
        Connection other = transaction();
        append(other, ticket, 1);
        other.commit();

        assertThatThrownBy(() -> append(wroteFirst, ticket, 2))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"))
                .hasMessageContaining("would precede event 1");
        wroteFirst.rollback();

        Connection retried = transaction();
        append(retried, ticket, 2);
        retried.commit();
        startRelay("main");
        assertThat(awaitRecords(r -> r.size() == 3)).extracting(r -> header(r, EventHeaders.SUBJECT_VERSION))
                .containsExactly("1", "2", "3");
    }

    @Test
    void refusesAnAppendWhosePreviousEventDoesNotExist() throws Exception {
        try (Connection c = autocommit()) {
            assertThatThrownBy(() -> append(c, newTicket(), 3))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
        }
    }

    @Test
    void neverPublishesTheEventsOfARolledBackTransaction() throws Exception {
        startRelay("main");
        TicketId rolledBack = newTicket();
        TicketId committed = newTicket();
        Connection tx = transaction();
        append(tx, rolledBack, 0);
        Connection tx2 = transaction();
        append(tx2, committed, 0);
        tx.rollback();
        tx2.commit();

        awaitRecords(r -> r.size() == 1);
        TicketId marker = newTicket();
        try (Connection c = autocommit()) {
            append(c, marker, 0);
        }
        // different tickets may sit on different partitions: no order between them is promised
        assertThat(awaitRecords(r -> r.size() == 2)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(committed.toString(), marker.toString());
    }

    @Test
    void theHorizonStopsBelowAnOpenTransactionOfThisDatabaseButIgnoresOnesOfOtherDatabases() throws Exception {
        try (PostgresDatabase elsewhere = PostgresDatabase.create("relayelsewhere");
             Connection foreign = elsewhere.connect();
             EventLogReader reader = new EventLogReader(db.connect(), "probe")) {
            foreign.setAutoCommit(false);
            long foreignTx = takeTransactionId(foreign);
            Connection mine = transaction();
            long myTx = takeTransactionId(mine);
            try (Connection c = autocommit()) {
                append(c, newTicket(), 0);
            }

            EventLogReader.Round blocked = reader.nextRound(RelayPosition.START, 10);
            assertThat(foreignTx).isLessThan(myTx);
            assertThat(blocked.horizon()).isEqualTo(myTx);
            assertThat(blocked.eventsWaiting()).isTrue();
            assertThat(blocked.events()).isEmpty();

            mine.rollback();
            EventLogReader.Round open = reader.nextRound(RelayPosition.START, 10);
            assertThat(open.horizon()).isGreaterThan(myTx);
            assertThat(open.eventsWaiting()).isFalse();
            assertThat(open.events()).hasSize(1);
            foreign.rollback();
        }
    }

    @Test
    void aLongTransactionInAnotherDatabaseDoesNotHoldTheRelayBack() throws Exception {
        try (PostgresDatabase elsewhere = PostgresDatabase.create("relayelsewhere");
             Connection foreign = elsewhere.connect()) {
            foreign.setAutoCommit(false);
            takeTransactionId(foreign);
            startRelay("main");
            TicketId ticket = newTicket();
            try (Connection c = autocommit()) {
                append(c, ticket, 0);
            }
            assertThat(awaitRecords(r -> r.size() == 1).getFirst().key()).isEqualTo(ticket.toString());
            foreign.rollback();
        }
    }

    @Test
    void resumesAfterARestartFromTheLastAcknowledgedEventWithoutRepublishing() throws Exception {
        EventRelay first = startRelay("main");
        try (Connection c = autocommit()) {
            for (int i = 0; i < 3; i++) {
                append(c, newTicket(), 0);
            }
        }
        awaitRecords(r -> r.size() == 3);
        first.stop();

        try (Connection c = autocommit()) {
            for (int i = 0; i < 2; i++) {
                append(c, newTicket(), 0);
            }
        }
        startRelay("main");

        awaitRecords(r -> r.size() == 5);
        await().atMost(WAIT).until(() -> relays.getLast().status().publishedEvents() == 2);
        List<ConsumerRecord<String, byte[]>> all = TopicReader.readAll(TestKafka.bootstrapServers(), topic);
        assertThat(all).hasSize(5);
        assertThat(all.stream().map(r -> header(r, EventHeaders.ID)).distinct()).hasSize(5);
    }

    @Test
    void onlyOneRelayPublishesAndTheStandbyTakesOverWhenItStops() throws Exception {
        EventRelay one = startRelay("main");
        EventRelay two = startRelay("main");
        await().atMost(WAIT).until(() -> states(one, two).containsAll(List.of(EventRelay.State.ACTIVE, EventRelay.State.STANDBY)));
        EventRelay active = one.status().state() == EventRelay.State.ACTIVE ? one : two;
        EventRelay standby = active == one ? two : one;

        try (Connection c = autocommit()) {
            for (int i = 0; i < 3; i++) {
                append(c, newTicket(), 0);
            }
        }
        awaitRecords(r -> r.size() == 3);
        active.stop();
        await().atMost(WAIT).until(() -> standby.status().state() == EventRelay.State.ACTIVE);
        try (Connection c = autocommit()) {
            append(c, newTicket(), 0);
        }

        awaitRecords(r -> r.size() == 4);
        List<ConsumerRecord<String, byte[]>> all = TopicReader.readAll(TestKafka.bootstrapServers(), topic);
        assertThat(all).hasSize(4);
        assertThat(standby.status().publishedEvents()).isEqualTo(1);
    }

    @Test
    void whenTheActiveRelaysSessionDiesMidStreamTheStandbyTakesOverWithinSecondsAndNothingIsLost() throws Exception {
        EventRelay one = startRelay("main");
        EventRelay two = startRelay("main");
        await().atMost(WAIT).until(() -> states(one, two).containsAll(List.of(EventRelay.State.ACTIVE, EventRelay.State.STANDBY)));
        List<TicketId> tickets = List.of(newTicket(), newTicket(), newTicket());
        try (Connection c = autocommit()) {
            for (TicketId ticket : tickets) {
                append(c, ticket, 0);
            }
            awaitRecords(r -> r.size() == 3);

            // The active relay's database session ends abruptly (a crash, a network cut): its advisory lock is gone.
            try (Statement s = c.createStatement()) {
                s.execute("""
                        SELECT pg_terminate_backend(pid) FROM pg_locks
                        WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()""");
            }
            for (int sequence = 1; sequence <= 5; sequence++) {
                for (TicketId ticket : tickets) {
                    append(c, ticket, sequence);
                }
            }
            List<ConsumerRecord<String, byte[]>> records = awaitRecords(r -> r.stream()
                    .map(record -> header(record, EventHeaders.ID)).distinct().count() == 18);
            assertThat(states(one, two)).contains(EventRelay.State.ACTIVE);

            Map<String, Long> last = new java.util.HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                long version = Long.parseLong(header(record, EventHeaders.SUBJECT_VERSION));
                long before = last.getOrDefault(record.key(), 0L);
                if (version > before) {
                    assertThat(version).as("next event of %s in %s", record.key(), records.stream()
                            .filter(r -> r.key().equals(record.key()))
                            .map(r -> r.partition() + "@" + r.offset() + ":v" + header(r, EventHeaders.SUBJECT_VERSION))
                            .toList()).isEqualTo(before + 1);
                    last.put(record.key(), version);
                }
            }
            assertThat(last.values()).containsOnly(6L);
        }
    }

    /**
     * A batch the broker refuses in part: the ticket's first event is larger than the topic allows, its next two are
     * small and travel in a later produce batch. An idempotent producer goes on to send the later batch after the
     * earlier one failed, so a consumer would see events 2 and 3 before 1 (and then all three again on the retry).
     * The relay stops its producer at the first failure, before the later batch leaves; once the topic accepts the
     * event, a consumer sees 1, 2, 3, each once.
     */
    @Test
    void aBatchTheBrokerRefusesInPartLetsNoLaterEventOfItsTicketThrough() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "8000")))).all().get();
            TicketId ticket = newTicket();
            try (Connection c = transaction()) {
                append(c, ticket, 0, "x".repeat(40_000));
                append(c, ticket, 1);
                append(c, ticket, 2);
                c.commit();
            }
            EventRelay relay = startRelay("main");
            await().atMost(WAIT).until(() -> relay.status().state() == EventRelay.State.FAILING
                    && relay.status().lastError().contains("RecordTooLarge"));
            assertThat(TopicReader.readAll(TestKafka.bootstrapServers(), topic))
                    .extracting(r -> header(r, EventHeaders.SUBJECT_VERSION)).as("versions visible while refused")
                    .isEmpty();

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576"), AlterConfigOp.OpType.SET))))
                    .all().get();

            await().atMost(WAIT).until(() -> relay.status().publishedEvents() == 3);
            assertThat(TopicReader.readAll(TestKafka.bootstrapServers(), topic))
                    .extracting(r -> header(r, EventHeaders.SUBJECT_VERSION))
                    .containsExactly("1", "2", "3");
        }
    }

    @Test
    void createsTheTopicWithTheConfiguredPartitionsAndUnlimitedRetentionSoTheWholeHistoryCanBeReplayed()
            throws Exception {
        startRelay("main");
        try (Connection c = autocommit()) {
            append(c, newTicket(), 0);
        }
        awaitRecords(r -> r.size() == 1);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
        }
    }

    @Test
    void publishesToATopicCreatedElsewhereEvenWithLimitedRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000")))).all().get();
        }
        startRelay("main");
        try (Connection c = autocommit()) {
            append(c, newTicket(), 0);
        }

        awaitRecords(r -> r.size() == 1);
    }

    private static List<EventRelay.State> states(EventRelay... relays) {
        return java.util.Arrays.stream(relays).map(r -> r.status().state()).toList();
    }

    private EventRelay startRelay(String name) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(TestKafka.bootstrapServers()));
        RelayProperties properties = new RelayProperties(true, name, 3, (short) 1, 100,
                Duration.ofMillis(200), null, Duration.ofMillis(200), "/docket/test");
        EventRelay relay = new EventRelay(db::connect, RelayConfiguration.producerFactory(kafka),
                new TopicSetup(KafkaClients.config(kafka.buildAdminProperties(), "test-admin"), topic, 3, (short) 1),
                new EventRecordMapper(topic, "/docket/test", new PersonalTexts(new PersonKeys(
                        new SecretKeySpec(new byte[32], "AES"), JdbcClient.create(db.dataSource())),
                        JsonMapper.builder().build())), properties);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(TestKafka.bootstrapServers(), topic, done, WAIT);
        assertThat(done.test(records)).as("records in %s: %s", topic, records.size()).isTrue();
        return records;
    }

    private Connection autocommit() throws SQLException {
        return db.connect();
    }

    private Connection transaction() throws SQLException {
        Connection c = db.connect();
        c.setAutoCommit(false);
        connections.add(c);
        return c;
    }

    /** Gives the connection's transaction its id now, as any first write would. */
    private static long takeTransactionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_xact_id()::text")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static TicketId newTicket() {
        return new TicketId(UUID.randomUUID());
    }

    /** Appends event {@code sequence} of the ticket as Axon would and returns its global index. */
    private static long append(Connection c, TicketId ticket, long sequence) throws SQLException {
        return append(c, ticket, sequence, "");
    }

    private static long append(Connection c, TicketId ticket, long sequence, String description) throws SQLException {
        return append(c, ticket, sequence, description, null);
    }

    /** @param txId the transaction id to store instead of the writing transaction's (only with the guard off) */
    private static long append(Connection c, TicketId ticket, long sequence, String description, Long txId)
            throws SQLException {
        byte[] payload = JSON.writeValueAsBytes(new TicketOpened(ticket, "TCK-%06d".formatted(sequence), "title", description,
                Priority.NORMAL, new UserId(UUID.randomUUID()), List.of()));
        byte[] metaData = JSON.writeValueAsBytes(Map.of("actor", "tester", "correlationId", "corr-" + ticket,
                "causationId", "cause-" + ticket + "-" + sequence));
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data, tx_id)
                VALUES (?, ?, ?, 'Ticket', ?, 'dev.docket.events.TicketOpened', '1', ?, ?,
                        COALESCE(?::text::xid8, pg_current_xact_id()))
                RETURNING global_index""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, ticket.toString());
            insert.setLong(3, sequence);
            insert.setString(4, Instant.now().toString());
            insert.setBytes(5, payload);
            insert.setBytes(6, metaData);
            insert.setString(7, txId == null ? null : txId.toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
