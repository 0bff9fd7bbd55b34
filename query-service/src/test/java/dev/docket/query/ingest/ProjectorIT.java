package dev.docket.query.ingest;

import dev.docket.events.AttachmentId;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.DocketEvent;
import dev.docket.events.EventHeaders;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.ContractRecords;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.testing.DocketTestInfrastructure;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection logic against PostgreSQL alone: no Kafka broker, no HTTP. The same history applied as one batch
 * and as one event per batch leaves the same rows, so folding a batch in memory changes nothing but speed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "docket.consumer.enabled=false")
@ContextConfiguration(initializers = DocketTestInfrastructure.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProjectorIT {

    private static final String TOPIC = "projector-test";
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Autowired
    Projectors projectors;
    @Autowired
    ReadModelGenerations generations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObservationRegistry observations;

    private final AtomicLong offsets = new AtomicLong();

    @Test
    void aHistoryAppliedAsOneBatchLeavesTheRowsItLeavesEventByEvent() {
        List<String> together = ticketRows(history("ONE"), true);
        List<String> apart = ticketRows(history("EACH"), false);

        assertThat(together).isEqualTo(apart);
        assertThat(together.getFirst()).contains("Edited title|Edited description|waiting_on_customer|urgent|4|")
                .contains("|Agent Renamed|printer,vip|1|1|1|").endsWith("|v9");
    }

    @Test
    void aRenameReachesTicketsInTheBatchAndTicketsBeforeIt() {
        UserId agent = new UserId(UUID.randomUUID());
        TicketId earlier = new TicketId(UUID.randomUUID());
        TicketId inBatch = new TicketId(UUID.randomUUID());
        apply(List.of(new Event(new UserRegistered(agent, "agent-r@example.com", "Old Name", Role.AGENT), 1),
                new Event(ContractRecords.opened(earlier, "REN-1", "Earlier"), 1),
                new Event(new TicketAssigned(earlier, agent, null), 2)));

        apply(List.of(new Event(ContractRecords.opened(inBatch, "REN-2", "In batch"), 1),
                new Event(new TicketAssigned(inBatch, agent, null), 2),
                new Event(new UserDisplayNameChanged(agent, "New Name"), 2)));

        for (TicketId ticket : List.of(earlier, inBatch)) {
            assertThat(jdbc.sql("SELECT assignee_name FROM rm_1.ticket WHERE id = ?").param(ticket.value())
                    .query(String.class).single()).isEqualTo("New Name");
        }
        assertThat(jdbc.sql("SELECT changes->'displayName'->>'from' FROM rm_1.audit_entry WHERE subject_id = ? "
                + "AND version = 2").param(agent.value()).query(String.class).single()).isEqualTo("Old Name");
    }

    @Test
    void textIsStoredExactlyAsTheEventsCarryIt() {
        TicketId ticket = new TicketId(UUID.randomUUID());
        String tricky = "tab\there, line\nbreak, return\r, back\\slash \\N \\t, \"quoted\", \u00e9\u20ac\uD83D\uDE00";
        CommentId comment = new CommentId(UUID.randomUUID());
        AttachmentId attachment = new AttachmentId(UUID.randomUUID());
        apply(List.of(new Event(ContractRecords.opened(ticket, "TXT-1", "Text"), 1),
                new Event(new TicketCommentAdded(ticket, comment, "agent\\one", CommentVisibility.PUBLIC, tricky), 2),
                new Event(new TicketAttachmentAdded(ticket, attachment, "we\tird\\name.txt", "text/plain", 1,
                        "cd".repeat(32)), 3)));

        assertThat(jdbc.sql("SELECT body FROM rm_1.ticket_comment WHERE comment_id = ?").param(comment.value())
                .query(String.class).single()).isEqualTo(tricky);
        assertThat(jdbc.sql("SELECT author FROM rm_1.ticket_comment WHERE comment_id = ?").param(comment.value())
                .query(String.class).single()).isEqualTo("agent\\one");
        assertThat(jdbc.sql("SELECT file_name FROM rm_1.ticket_attachment WHERE attachment_id = ?")
                .param(attachment.value()).query(String.class).single()).isEqualTo("we\tird\\name.txt");
        assertThat(jdbc.sql("SELECT changes -> 'comment' ->> 'body' FROM rm_1.audit_entry WHERE subject_id = ? "
                + "AND version = 2").param(ticket.value()).query(String.class).single()).isEqualTo(tricky);
    }

    @Test
    void countsStayExactWhateverTheBatches() {
        long before = openTickets();
        List<Event> history = new ArrayList<>();
        List<TicketId> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TicketId ticket = new TicketId(UUID.randomUUID());
            tickets.add(ticket);
            history.add(new Event(ContractRecords.opened(ticket, "CNT-" + i, "Counted " + i), 1));
        }
        for (int i = 0; i < 10; i++) {
            history.add(new Event(new TicketStatusChanged(tickets.get(i), TicketStatus.OPEN, TicketStatus.RESOLVED,
                    "done"), 2));
        }
        apply(history.subList(0, 13));
        apply(history.subList(13, history.size()));

        assertThat(openTickets()).isEqualTo(before + 10);
    }

    @Test
    void aParkedEventDeliveredAgainIsADuplicateAndNotParkedTwice() {
        TicketId ticket = new TicketId(UUID.randomUUID());
        apply(List.of(new Event(ContractRecords.opened(ticket, "PRK-1", "Parked"), 1)));
        List<ConsumerRecord<String, byte[]>> afterAGap = records(List.of(
                new Event(new TicketPriorityChanged(ticket, Priority.NORMAL, Priority.HIGH), 3)));
        Projector projector = projectors.create(generations.active());

        assertThat(projector.applyAll(afterAGap, Map.of())).isEqualTo(new Projector.Outcome(0, 0, 1));
        assertThat(projector.applyAll(afterAGap, Map.of())).isEqualTo(new Projector.Outcome(0, 1, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM rm_1.parked_event WHERE subject_id = ?").param(ticket.value())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT parked_events FROM rm_1.subject_progress WHERE subject_id = ?")
                .param(ticket.value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBatchThatDoesNotContinueTheStoredOffsetsIsRefusedAndNothingOfItApplied() {
        apply(List.of(new Event(ContractRecords.opened(new TicketId(UUID.randomUUID()), "CON-1", "Before"), 1)));
        long stored = storedOffset(0);
        TicketId ticket = new TicketId(UUID.randomUUID());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        Projector projector = projectors.create(generations.active());

        // the consumer went on past offsets whose rows the read models no longer hold
        offsets.set(stored + 5);
        List<ConsumerRecord<String, byte[]>> afterAHole = records(List.of(
                new Event(ContractRecords.opened(ticket, "CON-2", "After a hole"), 1)));
        assertThatThrownBy(() -> projector.applyAll(afterAHole,
                Map.of(partition, new Projector.ConsumerPosition(stored + 6, stored + 6, stored + 5))))
                .isInstanceOfSatisfying(PositionMismatchException.class, e -> assertThat(e.resumeAt())
                        .isEqualTo(Map.of(partition, stored)));
        assertThat(jdbc.sql("SELECT count(*) FROM rm_1.subject_progress WHERE subject_id = ?").param(ticket.value())
                .query(Long.class).single()).isZero();

        // what lies between the stored offset and the first record holds nothing for a consumer that read from there
        assertThat(projector.applyAll(afterAHole,
                Map.of(partition, new Projector.ConsumerPosition(stored + 6, stored + 6, stored))).applied())
                .isEqualTo(1);
        assertThat(storedOffset(0)).isEqualTo(stored + 6);

        // records the read models already passed are redeliveries, not a hole
        offsets.set(stored);
        assertThat(projector.applyAll(records(List.of(new Event(ContractRecords.opened(ticket, "CON-2", "After"), 1))),
                Map.of(partition, new Projector.ConsumerPosition(stored + 1, stored + 6, stored + 6))).duplicates())
                .isEqualTo(1);
    }

    @Test
    void aPartitionTheReadModelsHoldNothingOfIsReadFromItsBeginning() {
        TicketId ticket = new TicketId(UUID.randomUUID());
        offsets.set(3);
        List<ConsumerRecord<String, byte[]>> records = records(List.of(
                new Event(ContractRecords.opened(ticket, "NEW-1", "New partition"), 1)), 7);
        TopicPartition partition = new TopicPartition(TOPIC, 7);
        Projector projector = projectors.create(generations.active());

        assertThatThrownBy(() -> projector.applyAll(records, Map.of(partition, new Projector.ConsumerPosition(4, 4, 3))))
                .isInstanceOfSatisfying(PositionMismatchException.class,
                        e -> assertThat(e.resumeAt()).isEqualTo(Map.of(partition, 0L)));
        assertThat(projector.applyAll(records, Map.of(partition, new Projector.ConsumerPosition(4, 4, 0))).applied())
                .isEqualTo(1);
    }

    private long storedOffset(int partition) {
        return jdbc.sql("SELECT next_offset FROM rm_1.consumer_offset WHERE topic = ? AND partition = ?")
                .params(TOPIC, partition).query(Long.class).single();
    }

    @Test
    void aGenerationBeingRebuiltAppliesEvenFreshRecordsWithoutTraceSpans() {
        ObservedNames observed = new ObservedNames();
        observations.observationConfig().observationHandler(observed);
        Projector projector = projectors.create(generations.active());

        projector.applyAll(List.of(fresh(new TicketId(UUID.randomUUID()), "TRC-1")), Map.of(), false);
        assertThat(observed.names()).isEmpty();
        projector.applyAll(List.of(fresh(new TicketId(UUID.randomUUID()), "TRC-2")), Map.of(), true);
        assertThat(observed.names()).hasSize(1);
    }

    /** A ticket's first event as published a moment ago, in a request's trace. */
    private ConsumerRecord<String, byte[]> fresh(TicketId ticket, String number) {
        long offset = offsets.getAndIncrement();
        ProducerRecord<String, byte[]> sent = ContractRecords.record(TOPIC, UUID.randomUUID().toString(),
                ContractRecords.opened(ticket, number, "Traced"), 1, offset + 1, Instant.now());
        sent.headers().add(EventHeaders.TRACEPARENT,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(TOPIC, 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, sent.key(), sent.value(), sent.headers(),
                Optional.<Integer>empty());
    }

    /** Opened by a requester, edited, commented, assigned to an agent registered and renamed on the way... */
    private List<Event> history(String prefix) {
        UserId agent = new UserId(UUID.randomUUID());
        TicketId ticket = new TicketId(UUID.randomUUID());
        List<DocketEvent> events = List.of(
                new UserRegistered(agent, prefix + "@example.com", "Agent", Role.AGENT),
                ContractRecords.opened(ticket, prefix + "-1", "Printer jams"),
                new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), agent.toString(),
                        CommentVisibility.PUBLIC, "Try the quasar tray"),
                new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), agent.toString(),
                        CommentVisibility.INTERNAL, "secret note"),
                new TicketAssigned(ticket, agent, null),
                new TicketPriorityChanged(ticket, Priority.HIGH, Priority.URGENT),
                new TicketAttachmentAdded(ticket, new AttachmentId(UUID.randomUUID()), "log.txt", "text/plain", 12,
                        "ab".repeat(32)),
                new TicketTagsChanged(ticket, List.of("vip"), List.of()),
                new UserDisplayNameChanged(agent, "Agent Renamed"),
                new TicketEdited(ticket, "Edited title", "Edited description"),
                new TicketStatusChanged(ticket, TicketStatus.OPEN, TicketStatus.WAITING_ON_CUSTOMER, "waiting"));
        Map<String, Long> versions = new HashMap<>();
        List<Event> history = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            history.add(new Event(events.get(i), versions.merge(events.get(i).subject(), 1L, Long::sum), i));
        }
        return history;
    }

    /** Applies the history (as one batch or one batch per event); the ticket's row as text, search checked. */
    private List<String> ticketRows(List<Event> history, boolean oneBatch) {
        if (oneBatch) {
            apply(history);
        } else {
            history.forEach(event -> apply(List.of(event)));
        }
        UUID ticket = ((TicketCommentAdded) history.get(2).event()).ticketId().value();
        assertThat(jdbc.sql("SELECT search_vector @@ to_tsquery('english', 'quasar & edited') FROM rm_1.ticket "
                + "WHERE id = ?").param(ticket).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT search_vector @@ to_tsquery('english', 'secret') FROM rm_1.ticket WHERE id = ?")
                .param(ticket).query(Boolean.class).single()).isFalse();
        return jdbc.sql("""
                        SELECT concat_ws('|', title, description, status, priority, priority_rank, requester_name,
                                         assignee_name, array_to_string(tags, ','),
                                         public_comment_count, internal_note_count, attachment_count,
                                         created_at, updated_at, last_activity_at, 'v' || version)
                        FROM rm_1.ticket WHERE id = ?""")
                .param(ticket).query(String.class).list();
    }

    private long openTickets() {
        return jdbc.sql("SELECT coalesce(sum(tickets), 0) FROM rm_1.ticket_count_by_status WHERE status = 'open'")
                .query(Long.class).single();
    }

    /** An event at its version; {@code minute} after {@link #T0} it happened. */
    private record Event(DocketEvent event, long version, int minute) {

        Event(DocketEvent event, long version) {
            this(event, version, 0);
        }
    }

    private void apply(List<Event> events) {
        List<ConsumerRecord<String, byte[]>> records = records(events);
        Projector.Outcome outcome = projectors.create(generations.active()).applyAll(records, Map.of());
        assertThat(outcome.applied()).isEqualTo(records.size());
    }

    private List<ConsumerRecord<String, byte[]>> records(List<Event> events) {
        return records(events, 0);
    }

    private List<ConsumerRecord<String, byte[]>> records(List<Event> events, int partition) {
        return events.stream().map(e -> {
            long offset = offsets.getAndIncrement();
            ProducerRecord<String, byte[]> sent = ContractRecords.record(TOPIC, UUID.randomUUID().toString(),
                    e.event(), e.version(), offset + 1, T0.plus(e.minute(), ChronoUnit.MINUTES));
            return new ConsumerRecord<>(TOPIC, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                    ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, sent.key(), sent.value(), sent.headers(),
                    Optional.<Integer>empty());
        }).toList();
    }
}
