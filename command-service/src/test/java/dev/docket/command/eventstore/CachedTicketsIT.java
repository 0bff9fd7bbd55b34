package dev.docket.command.eventstore;

import dev.docket.command.CommandServiceApplication;
import dev.docket.command.CommandServiceTestBase;
import dev.docket.command.ticket.AssignTicket;
import dev.docket.events.MetadataKeys;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import dev.docket.testing.TestIdentity;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tickets cached between commands, with two instances writing the same tickets (this test's service, "A", and a
 * second one, "B", on the same database): a cached ticket older than the store never loses an update, never answers
 * a current {@code If-Match} with 412, and a change whose transaction rolls back never reaches the cache.
 */
class CachedTicketsIT extends CommandServiceTestBase {

    private static ConfigurableApplicationContext second;

    @Autowired
    CommandGateway gateway;
    @Autowired
    TransactionTemplate transaction;

    @BeforeAll
    static void startSecondInstance(@Autowired Environment environment) {
        second = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--docket.kafka.topic=" + environment.getProperty("docket.kafka.topic"),
                "--docket.checkpoints.signing-key=",
                "--docket.data-protection.key-encryption-key="
                        + environment.getProperty("docket.data-protection.key-encryption-key"),
                "--docket.checkpoints.topic=" + environment.getProperty("docket.checkpoints.topic"),
                "--docket.auth.local-public-key=" + TestIdentity.keys().tokenPublicKeyBase64());
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void anIfMatchThatTheOtherInstanceMadeCurrentIsAcceptedThoughThisInstanceCachedAnOlderTicket() throws Exception {
        String ticket = openTicket("Cached in A");
        assertThat(comment(port, ticket, null).version()).isEqualTo(2); // A now holds version 2
        Answer onB = comment(secondPort(), ticket, 2L);
        assertThat(onB.version()).isEqualTo(3);

        Answer onA = comment(port, ticket, 3L);

        assertThat(onA.status()).as(onA.body()).isEqualTo(201);
        assertThat(onA.version()).isEqualTo(4);
        assertStoredInOrder(ticket, List.of(onB, onA));
    }

    @Test
    void aStaleIfMatchIs412WithTheStoresVersionEvenWhenThisInstanceCachedThatStaleVersion() throws Exception {
        String ticket = openTicket("Stale in A");
        assertThat(comment(port, ticket, null).version()).isEqualTo(2);
        assertThat(comment(secondPort(), ticket, 2L).version()).isEqualTo(3);

        Answer stale = comment(port, ticket, 2L);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(json(stale.response()).get("currentVersion").asLong()).isEqualTo(3);
        assertThat(sequences(ticket)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aChangeWithoutIfMatchOnAStaleCacheBuildsOnTheOtherInstancesChange() throws Exception {
        String ticket = openTicket("Last writer wins");
        comment(port, ticket, null);
        Answer onB = comment(secondPort(), ticket, null);

        Answer onA = comment(port, ticket, null);

        assertThat(onA.version()).isEqualTo(onB.version() + 1);
        assertStoredInOrder(ticket, List.of(onB, onA));
    }

    @Test
    void anIfMatchAheadOfEveryInstanceIs412WithTheCurrentVersion() throws Exception {
        String ticket = openTicket("Ahead");
        comment(port, ticket, null);

        Answer ahead = comment(port, ticket, 7L);

        assertThat(ahead.status()).isEqualTo(412);
        assertThat(json(ahead.response()).get("currentVersion").asLong()).isEqualTo(2);
    }

    /**
     * The ticket's unit of work ends inside a longer transaction that then rolls back: its state must not be cached.
     * Meanwhile the other instance stores the next event, so the database's order guard cannot notice: a ticket
     * cached with the rolled-back assignment would take the same assignment again for a no-op, and lose it; and a
     * chain head kept from the rolled-back event would link the next event to a hash that is not stored.
     */
    @Test
    void aChangeWhoseTransactionRollsBackLeavesNothingInTheCache() throws Exception {
        String ticket = openTicket("Rolled back");
        String agent = registerUser("agent");
        comment(port, ticket, null);

        transaction.executeWithoutResult(status -> {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new AssignTicket(TicketId.parse(ticket), null,
                    UserId.parse(agent))).andMetaData(MetaData.with(MetadataKeys.ACTOR, "test")));
            status.setRollbackOnly();
        });
        comment(secondPort(), ticket, null);
        HttpResponse<String> assigned = send("PUT", "/api/tickets/" + ticket + "/assignee",
                "{\"assigneeId\":\"" + agent + "\"}");

        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(json(assigned).get("version").asLong()).isEqualTo(4);
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + ticket
                + "' AND payload_type LIKE '%TicketAssigned'")).isEqualTo(1);
        HttpResponse<String> verified = send("GET", "/api/audit/verify?ticket=" + ticket, null,
                as("auditor-1", "auditor"));
        assertThat(json(verified).get("intact").asBoolean()).as(verified.body()).isTrue();
    }

    /**
     * Eight writers on four tickets through both instances, with and without {@code If-Match}, from what each last
     * saw (a change that loses its race too often is refused, changing nothing). Every accepted comment is stored once, under the version it answered; versions have no gap; and no 412
     * names a version lower than the If-Match it refused (a client only sends versions it was told exist, so such an
     * answer would come from a stale cache).
     */
    @Test
    void writersOnBothInstancesLoseNoUpdateAndGet412OnlyForVersionsReallyBehind() throws Exception {
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(openTicket("Shared " + i));
        }
        Map<String, Long> seen = new ConcurrentHashMap<>();
        tickets.forEach(t -> seen.put(t, 1L));
        List<Answer> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> wrong412 = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            writers.add(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 40; i++) {
                    String ticket = tickets.get(random.nextInt(tickets.size()));
                    Long ifMatch = random.nextBoolean() ? seen.get(ticket) : null;
                    Answer answer = comment(random.nextBoolean() ? port : secondPort(), ticket, ifMatch);
                    if (answer.status() == 201) {
                        accepted.add(answer);
                        seen.merge(ticket, answer.version(), Math::max);
                    } else if (answer.status() == 412) {
                        long current = json(answer.response()).get("currentVersion").asLong();
                        if (current < ifMatch) {
                            wrong412.add(answer.body());
                        }
                        seen.merge(ticket, current, Math::max);
                    } else if (answer.status() != 409
                            || !"CONCURRENT_MODIFICATION".equals(json(answer.response()).get("code").asString())) {
                        throw new AssertionError(answer.status() + " " + answer.body());
                    }
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(writers.size())) {
            for (Future<Void> writer : pool.invokeAll(writers)) {
                writer.get();
            }
        }

        assertThat(wrong412).isEmpty();
        assertThat(accepted).hasSizeGreaterThan(100);
        for (String ticket : tickets) {
            List<Answer> mine = accepted.stream().filter(a -> a.ticket().equals(ticket)).toList();
            List<Long> expected = new ArrayList<>();
            for (long s = 0; s <= mine.size(); s++) {
                expected.add(s);
            }
            assertThat(sequences(ticket)).containsExactlyElementsOf(expected);
            for (Answer answer : mine) {
                assertThat(sequenceHolding(ticket, answer.marker())).as(answer.body()).isEqualTo(answer.version() - 1);
            }
        }
    }

    /** A comment's answer, with the unique text it carried. */
    record Answer(String ticket, String marker, HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        long version() {
            return JSON.readTree(response.body()).get("version").asLong();
        }
    }

    private Answer comment(int instance, String ticket, Long ifMatch) throws Exception {
        String marker = "m-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + instance + "/api/tickets/" + ticket + "/comments"))
                .header("Authorization", TestIdentity.admin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + marker + "\"}"));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return new Answer(ticket, marker, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void assertStoredInOrder(String ticket, List<Answer> answers) throws Exception {
        for (Answer answer : answers) {
            assertThat(sequenceHolding(ticket, answer.marker())).isEqualTo(answer.version() - 1);
        }
    }

    private long sequenceHolding(String ticket, String marker) throws Exception {
        List<String[]> events = eventsOf(ticket);
        for (int sequence = 0; sequence < events.size(); sequence++) {
            if (events.get(sequence)[1].contains(marker)) {
                return sequence;
            }
        }
        throw new AssertionError("stored: " + marker);
    }

    private static int secondPort() {
        return ((WebServerApplicationContext) second).getWebServer().getPort();
    }
}
