package dev.docket.query.changes;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.DocketEvent;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.testing.EventStreamClient;
import dev.docket.testing.EventStreamClient.Event;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The change stream against the real read models: what each viewer gets, in which order, and resuming. */
class ChangeStreamIT extends QueryServiceTestBase {

    private static final AtomicLong POSITION = new AtomicLong(9_000_000);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final UserId requesterA = new UserId(UUID.randomUUID());
    private final UserId requesterB = new UserId(UUID.randomUUID());
    private final String agent = UUID.randomUUID().toString();
    private final Map<TicketId, Long> versions = new HashMap<>();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ReadModelGenerations generations;

    @BeforeEach
    void people() throws Exception {
        for (UserId person : List.of(requesterA, requesterB)) {
            events.send(new UserRegistered(person, person + "@example.com", "Person " + person, Role.REQUESTER), 1,
                    POSITION.incrementAndGet(), Instant.now(), "tester");
        }
        awaitVersion(requesterA, 1);
        awaitVersion(requesterB, 1);
    }

    @Test
    void anAgentGetsEveryChangeAndARequesterOnlyTheirOwnTicketsWithoutInternalNotes() throws Exception {
        try (EventStreamClient agentStream = open(TestIdentity.bearer(agent, "agent"), null);
             EventStreamClient a = open(requester(requesterA), null);
             EventStreamClient b = open(requester(requesterB), null)) {
            for (EventStreamClient stream : List.of(agentStream, a, b)) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.contentType()).startsWith("text/event-stream");
                Event ready = stream.next(WAIT);
                assertThat(ready.name()).isEqualTo("ready");
                assertThat(ready.id()).matches("[0-9]+-[0-9]+");
            }
            TicketId ofA = open(requesterA);
            TicketId ofB = open(requesterB);
            publish(ofA, new TicketCommentAdded(ofA, new CommentId(UUID.randomUUID()), agent,
                    CommentVisibility.INTERNAL, "internal: the customer is on the watch list"));
            publish(ofA, new TicketCommentAdded(ofA, new CommentId(UUID.randomUUID()), agent,
                    CommentVisibility.PUBLIC, "We are on it"));
            publish(ofB, new TicketPriorityChanged(ofB, Priority.NORMAL, Priority.HIGH));

            List<JsonNode> all = changes(agentStream, 5);
            assertThat(versionsOf(all, ofA)).containsExactly(1L, 2L, 3L);
            assertThat(versionsOf(all, ofB)).containsExactly(1L, 2L);
            assertThat(all).extracting(c -> c.get("type").asString())
                    .contains("dev.docket.ticket.comment-added.v2", "dev.docket.ticket.priority-changed.v1");

            List<JsonNode> ownA = changes(a, 2);
            assertThat(ownA).extracting(c -> c.get("ticketId").asString()).containsOnly(ofA.toString());
            assertThat(versionsOf(ownA, ofA)).containsExactly(1L, 3L);
            List<JsonNode> ownB = changes(b, 2);
            assertThat(versionsOf(ownB, ofB)).containsExactly(1L, 2L);

            // a transfer goes to the former requester and the new one; what follows to the new one only
            publish(ofA, new TicketOwnershipTransferred(ofA, requesterA, requesterB, "colleague takes over"));
            publish(ofA, new TicketCommentAdded(ofA, new CommentId(UUID.randomUUID()), agent,
                    CommentVisibility.PUBLIC, "Now with you"));
            assertThat(versionsOf(changes(agentStream, 2), ofA)).containsExactly(4L, 5L);
            assertThat(versionsOf(changes(b, 2), ofA)).containsExactly(4L, 5L);
            assertThat(versionsOf(changes(a, 1), ofA)).containsExactly(4L);

            // nothing else reached the requesters: the next change of theirs comes next
            TicketId later = open(requesterA);
            assertThat(versionsOf(changes(a, 1), later)).containsExactly(1L);
            assertThat(a.drain()).noneMatch(e -> e.name().equals("change"));
        }
    }

    @Test
    void aStreamResumedFromTheLastIdItReceivedGetsExactlyWhatItMissed() throws Exception {
        String token = TestIdentity.bearer(agent, "agent");
        TicketId ticket;
        String lastId;
        try (EventStreamClient first = open(token, null)) {
            assertThat(first.next(WAIT).name()).isEqualTo("ready");
            ticket = open(requesterA);
            publish(ticket, new TicketPriorityChanged(ticket, Priority.NORMAL, Priority.HIGH));
            List<Event> received = first.take(2, e -> e.name().equals("change") && e.data().contains(ticket.toString()),
                    WAIT);
            lastId = received.getLast().id();
        }
        // the connection is gone; changes go on meanwhile
        for (int i = 0; i < 5; i++) {
            publish(ticket, new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()), agent,
                    i % 2 == 0 ? CommentVisibility.PUBLIC : CommentVisibility.INTERNAL, "while away " + i));
        }
        try (EventStreamClient resumed = open(token, lastId)) {
            Event ready = resumed.next(WAIT);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(ready.id()).isEqualTo(lastId);
            assertThat(versionsOf(changes(resumed, 5), ticket)).containsExactly(3L, 4L, 5L, 6L, 7L);
        }
        // a requester resuming gets only the public ones of what they missed
        try (EventStreamClient resumed = open(requester(requesterA), lastId)) {
            assertThat(resumed.next(WAIT).name()).isEqualTo("ready");
            assertThat(versionsOf(changes(resumed, 3), ticket)).containsExactly(3L, 5L, 7L);
        }
    }

    @Test
    void aPositionThatCannotBeResumedFromStartsWithAResetAndAMalformedOneIsRefused() throws Exception {
        String token = TestIdentity.bearer(agent, "agent");
        ReadModelSql sql = generations.active();
        try (EventStreamClient otherGeneration = open(token, (sql.generation() + 7) + "-5")) {
            Event reset = otherGeneration.next(WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.data()).contains("rebuilt");
            assertThat(reset.id()).startsWith(sql.generation() + "-");
        }
        TicketId ticket = open(requesterA);
        publish(ticket, new TicketPriorityChanged(ticket, Priority.NORMAL, Priority.LOW));
        publish(ticket, new TicketPriorityChanged(ticket, Priority.LOW, Priority.HIGH));
        awaitVersion(ticket.value(), 3);
        long first = sql.sql("SELECT min(seq) FROM {rm}.ticket_change WHERE ticket_id = ?").param(ticket.value())
                .query(Long.class).single();
        // the changes after this position are pruned (as the retention would): they cannot be given any more
        sql.sql("DELETE FROM {rm}.ticket_change WHERE seq <= ?").param(first + 1).update();
        try (EventStreamClient pruned = open(token, sql.generation() + "-" + (first - 1))) {
            Event reset = pruned.next(WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.data()).contains("no longer kept");
        }
        try (EventStreamClient malformed = open(token, "yesterday")) {
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.contentType()).startsWith("application/problem+json");
        }
    }

    /**
     * Two batches committing at once: the second waits for the first to commit before its changes are numbered, so a
     * reader never sees a later number while an earlier one can still appear. Without the lock, the second batch's
     * change would be visible (with the higher number) while the first's was not yet, and a stream that had passed
     * it would never give the first.
     */
    @Test
    void aBatchsChangesAreNumberedOnlyAfterTheBatchBeforeItCommitted() throws Exception {
        ReadModelSql sql = generations.active();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            logChange(sql, first);
            numbered.countDown();
            awaitLatch(commit);
        }), threads);
        assertThat(numbered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                status -> logChange(sql, second)), threads);
        awaitDoneOrWaitingOnALock(two);
        assertThat(two).isNotDone();
        assertThat(sql.sql("SELECT count(*) FROM {rm}.ticket_change WHERE ticket_id IN (?, ?)").params(first, second)
                .query(Long.class).single()).isZero();
        commit.countDown();
        one.get(30, TimeUnit.SECONDS);
        two.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        List<UUID> order = sql.sql("SELECT ticket_id FROM {rm}.ticket_change WHERE ticket_id IN (?, ?) ORDER BY seq")
                .params(first, second).query(UUID.class).list();
        assertThat(order).containsExactly(first, second);
    }

    private static void logChange(ReadModelSql sql, UUID ticket) {
        ChangeLogProjection projection = new ChangeLogProjection(sql);
        TicketId id = new TicketId(ticket);
        TicketOpened opened = new TicketOpened(id, "CHG-1", "Racing", "two batches", Priority.NORMAL,
                new UserId(UUID.randomUUID()), List.of());
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), ticket, 1, 1, Instant.now(), "tester",
                null, null, opened, Map.of());
        projection.load(List.of(envelope));
        projection.apply(envelope, null);
        projection.flush();
    }


    private EventStreamClient open(String authorization, String lastEventId) throws Exception {
        return EventStreamClient.open(http, "http://127.0.0.1:" + port + "/api/changes", authorization, lastEventId);
    }

    private static String requester(UserId person) {
        return TestIdentity.bearer(person.toString(), "requester");
    }

    private TicketId open(UserId requester) throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        publish(id, new TicketOpened(id, "CHG-" + id.value().toString().substring(0, 8), "Stream me",
                "a ticket for the change stream", Priority.NORMAL, requester, List.of()));
        return id;
    }

    private void publish(TicketId ticket, DocketEvent event) throws Exception {
        long version = versions.merge(ticket, 1L, Long::sum);
        events.send(event, version, POSITION.incrementAndGet(), Instant.now(), agent);
    }

    private List<JsonNode> changes(EventStreamClient stream, int count) throws Exception {
        List<JsonNode> changes = new ArrayList<>();
        for (Event event : stream.take(count, e -> e.name().equals("change"), WAIT)) {
            changes.add(json.readTree(event.data()));
        }
        return changes;
    }

    private static List<Long> versionsOf(List<JsonNode> changes, TicketId ticket) {
        return changes.stream().filter(c -> c.get("ticketId").asString().equals(ticket.toString()))
                .map(c -> c.get("version").asLong()).toList();
    }
}
