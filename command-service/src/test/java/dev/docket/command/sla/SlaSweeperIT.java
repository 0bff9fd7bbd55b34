package dev.docket.command.sla;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.command.app.Commands;
import dev.docket.command.app.SlaSweeper;
import dev.docket.command.ticket.RecordSlaMilestones;
import dev.docket.events.ErrorCode;
import dev.docket.events.EventHeaders;
import dev.docket.events.TicketId;
import dev.docket.events.sla.SlaMilestone;
import dev.docket.events.sla.SlaState;
import dev.docket.support.errors.DocketException;
import dev.docket.testing.MovableClock;
import dev.docket.testing.TestIdentity;
import dev.docket.testing.TestKafka;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Warnings, breaches and fulfilments recorded by the sweeper under a clock the test moves: at their times, once
 * each, with two sweepers racing, after a sweeper died holding its claim, and in agreement with a recomputation of
 * the clocks from the ticket's history.
 */
class SlaSweeperIT extends CommandServiceTestBase {

    @Autowired
    SlaSweeper sweeper;
    @Autowired
    Commands commands;
    @Value("${docket.kafka.topic}")
    String topic;

    // the event store keeps milliseconds
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final String tag = "sla-" + UUID.randomUUID().toString().substring(0, 8);
    private Clock axonClock;
    private SlaSweeper first;
    private SlaSweeper second;

    @BeforeEach
    void useTheTestsClock() throws Exception {
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        first = sweeper.withClock(clock);
        second = sweeper.withClock(clock);
        // urgent tickets with this test's tag: first response 10 minutes (warning 5 before), next response 10,
        // resolution 60 (warning 10 before); waiting on the customer pauses resolution
        HttpResponse<String> set = send("PUT", "/api/sla/policies", """
                {"reason":"SlaSweeperIT","policies":[{"id":"it","name":"IT","conditions":{"tags":["%s"]},
                  "targets":[{"priority":"urgent","metric":"first_response","minutes":10,"basis":"calendar","warnMinutesBefore":5},
                             {"priority":"urgent","metric":"next_response","minutes":10,"basis":"calendar"},
                             {"priority":"urgent","metric":"resolution","minutes":60,"basis":"calendar","warnMinutesBefore":10}],
                  "pauses":[{"status":"waiting_on_customer","metrics":["resolution"]}]}]}""".formatted(tag));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    @AfterEach
    void restoreTheClock() {
        GenericEventMessage.clock = axonClock;
    }

    @Test
    void milestonesAreRecordedOnceEachAtTheirTimesAcrossRacingSweepersAndADeadOne() throws Exception {
        String requester = registerUser("requester");
        Instant opened = clock.instant();
        String ticket = open(requester);
        sweepBoth();
        assertThat(milestones(ticket)).isEmpty();

        clock.set(opened.plus(Duration.ofMinutes(5)));
        SlaState beforeTheSweep = sweeper.clocks(TicketId.parse(ticket), clock.instant());
        sweepBoth();
        assertThat(milestones(ticket)).containsExactly("first_response/1/warning@" + opened.plusSeconds(300));

        // a sweeper that computed the same warning from the history before it was recorded (slow, its lease run
        // out) is refused, and a repeat on the current history records nothing
        List<SlaMilestone> stale = beforeTheSweep.milestones();
        assertThatThrownBy(() -> commands.sendAs(SlaSweeper.ACTOR, new RecordSlaMilestones(TicketId.parse(ticket), 1,
                stale))).isInstanceOfSatisfying(DocketException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
        commands.sendAs(SlaSweeper.ACTOR, new RecordSlaMilestones(TicketId.parse(ticket), 2, stale));
        assertThat(milestones(ticket)).containsExactly("first_response/1/warning@" + opened.plusSeconds(300));

        clock.set(opened.plus(Duration.ofMinutes(6)));
        comment(ticket, TestIdentity.admin(), "On it");
        clock.set(opened.plus(Duration.ofMinutes(7)));
        comment(ticket, TestIdentity.bearer(requester, "requester"), "Still broken");
        sweepBoth();
        assertThat(milestones(ticket)).containsExactly("first_response/1/warning@" + opened.plusSeconds(300),
                "first_response/1/fulfilment@" + opened.plusSeconds(360));

        // the next response is due 10 minutes after the requester's message; a sweep 3 minutes late records the
        // breach at its own time
        clock.set(opened.plus(Duration.ofMinutes(20)));
        sweepBoth();
        assertThat(milestones(ticket)).contains("next_response/1/breach@" + opened.plusSeconds(17 * 60));

        // a sweeper claims the ticket when the resolution warning is due, and dies: nobody records it until the
        // claim's lease runs out, then the next sweep does, with the warning's own time
        clock.set(opened.plus(Duration.ofMinutes(51)));
        claimAsADeadSweeper(ticket);
        sweepBoth();
        assertThat(milestones(ticket)).noneMatch(m -> m.startsWith("resolution/1/warning"));
        clock.set(opened.plus(Duration.ofMinutes(51)).plus(Duration.ofSeconds(31)));
        sweepBoth();
        assertThat(milestones(ticket)).contains("resolution/1/warning@" + opened.plus(Duration.ofMinutes(50)));

        // waiting on the customer pauses resolution: no breach while it waits, the rest after it resumes
        clock.set(opened.plus(Duration.ofMinutes(55)));
        status(ticket, "in_progress");
        status(ticket, "waiting_on_customer");
        clock.set(opened.plus(Duration.ofHours(3)));
        sweepBoth();
        assertThat(milestones(ticket)).noneMatch(m -> m.startsWith("resolution/1/breach"));
        status(ticket, "in_progress");
        clock.set(opened.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(5)));
        sweepBoth();
        assertThat(milestones(ticket)).contains("resolution/1/breach@" + opened.plus(Duration.ofHours(3))
                .plus(Duration.ofMinutes(5)));

        assertThat(milestones(ticket)).doesNotHaveDuplicates();
        assertThat(milestones(ticket)).as("the clocks recomputed from the history").isEqualTo(recomputed(ticket));

        // and on the topic, once each, in the history's order
        List<String> inTheHistory = eventsOf(ticket).stream().map(e -> e[0]).filter(t -> t.startsWith("Sla")).toList();
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(TestKafka.bootstrapServers(), topic,
                read -> slaTypes(read, ticket).size() >= inTheHistory.size(), Duration.ofSeconds(30));
        assertThat(slaTypes(records, ticket)).isEqualTo(inTheHistory.stream().map(type -> switch (type) {
            case "SlaWarningRaised" -> "dev.docket.ticket.sla-warning-raised.v1";
            case "SlaBreached" -> "dev.docket.ticket.sla-breached.v1";
            default -> "dev.docket.ticket.sla-fulfilled.v1";
        }).toList());
    }

    /** The service-level events of the ticket on the topic, by type, in offset order. */
    private static List<String> slaTypes(List<ConsumerRecord<String, byte[]>> records, String ticket) {
        return records.stream().filter(r -> ticket.equals(r.key()))
                .map(r -> new String(r.headers().lastHeader(EventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .filter(type -> type.startsWith("dev.docket.ticket.sla-")).toList();
    }

    @Test
    void manyTicketsSweptByTwoRacingSweepersGetEachMilestoneExactlyOnce() throws Exception {
        String requester = registerUser("requester");
        Instant opened = clock.instant();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(open(requester));
        }
        clock.set(opened.plus(Duration.ofMinutes(11)));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Callable<Integer>> sweeps = List.of(first::sweep, second::sweep, first::sweep, second::sweep);
            for (Future<Integer> sweep : pool.invokeAll(sweeps)) {
                sweep.get();
            }
        }
        sweepBoth();
        for (String ticket : tickets) {
            assertThat(milestones(ticket)).as(ticket).containsExactly(
                    "first_response/1/warning@" + opened.plusSeconds(300),
                    "first_response/1/breach@" + opened.plusSeconds(600));
        }
    }

    private void sweepBoth() {
        first.sweep();
        second.sweep();
    }

    private String open(String requester) throws Exception {
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"Clocked\",\"priority\":\"urgent\","
                + "\"requesterId\":\"" + requester + "\",\"tags\":[\"" + tag + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

    private void comment(String ticket, String authorization, String body) throws Exception {
        HttpResponse<String> response = postJson("/api/tickets/" + ticket + "/comments", "{\"body\":\"" + body + "\"}",
                "Authorization", authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void status(String ticket, String status) throws Exception {
        HttpResponse<String> response = send("PUT", "/api/tickets/" + ticket + "/status",
                "{\"status\":\"" + status + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void claimAsADeadSweeper(String ticket) throws Exception {
        try (var c = database.connect(); var s = c.prepareStatement(
                "UPDATE sla_due SET due_at = ? WHERE ticket_id = ?::uuid")) {
            s.setObject(1, clock.instant().plus(Duration.ofSeconds(30)).atOffset(ZoneOffset.UTC));
            s.setString(2, ticket);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    /** The milestones in the ticket's history, as {@code metric/cycle/kind@time by the clocks}, in order. */
    private List<String> milestones(String ticket) throws Exception {
        List<String> found = new ArrayList<>();
        for (String[] event : eventsOf(ticket)) {
            JsonNode data = JSON.readTree(event[1]);
            String at = switch (event[0]) {
                case "SlaWarningRaised" -> "warning@" + Instant.parse(data.get("warnedAt").asString());
                case "SlaBreached" -> "breach@" + Instant.parse(data.get("dueAt").asString());
                case "SlaFulfilled" -> "fulfilment@" + Instant.parse(data.get("fulfilledAt").asString());
                default -> null;
            };
            if (at != null) {
                assertThat(JSON.readTree(event[2]).get("actor").asString()).isEqualTo(SlaSweeper.ACTOR);
                found.add(data.get("metric").asString() + "/" + data.get("cycle").asInt() + "/" + at);
            }
        }
        return found;
    }

    /** The milestones the clocks compute now from the ticket's stored history and the stored configuration. */
    private List<String> recomputed(String ticket) {
        return sweeper.clocks(TicketId.parse(ticket), clock.instant()).milestones().stream()
                .map(m -> m.metric().wireName() + "/" + m.cycle() + "/"
                        + m.kind().name().toLowerCase(java.util.Locale.ROOT) + "@" + m.at())
                .toList();
    }

}
