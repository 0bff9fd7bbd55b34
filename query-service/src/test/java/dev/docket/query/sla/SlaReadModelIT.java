package dev.docket.query.sla;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.PolicyBookId;
import dev.docket.events.Priority;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.sla.SlaClocks;
import dev.docket.events.sla.SlaConditions;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaPause;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TicketFact;
import dev.docket.events.sla.TimeBasis;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The read side's clocks, from events stamped in the past so that real time has moved them on: the ticket view's
 * clocks measured at the request, the SLA filters and sort, the breached and at-risk counts, the attainment report,
 * and a policy change that moves the due times of tickets without an event of their own.
 */
class SlaReadModelIT extends QueryServiceTestBase {

    private static final String AGENT = "0193a0e2-7c1d-7b4e-9f00-0000000000a9";

    @Autowired
    private ReadModelGenerations generations;
    @Autowired
    private SlaConfigs configs;
    @Autowired
    private JsonMapper mapper;

    private long position = 1;

    @Test
    void clocksShowOnTheViewFilterSortCountAndReportAndMoveWithAPolicyChange() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // While no policy has ever been set no clock has a target: nothing is computed for a ticket, until the
        // first policy's refresh computes it.
        TicketId early = open(now.minus(Duration.ofMinutes(20)), "SLA-EARLY", "sla-early");
        awaitVersion(early, 1);
        assertThat(queryLong("SELECT count(*) FROM rm_1.ticket_sla_clock WHERE ticket_id = '" + early + "'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM rm_1.ticket_sla WHERE ticket_id = '" + early + "' AND NOT settled"))
                .isEqualTo(1);
        policies(1, now.minus(Duration.ofHours(5)), 60);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(clock(getJson("/api/tickets/" + early),
                "first_response").get("dueAt").asString()).isEqualTo(now.plus(Duration.ofMinutes(40)).toString()));

        TicketId breached = open(now.minus(Duration.ofHours(2)), "SLA-BREACHED");
        TicketId atRisk = open(now.minus(Duration.ofMinutes(50)), "SLA-AT-RISK");
        TicketId onTrack = open(now.minus(Duration.ofMinutes(30)), "SLA-ON-TRACK");
        TicketId answered = open(now.minus(Duration.ofHours(2)), "SLA-ANSWERED");
        send(new TicketCommentAdded(answered, new CommentId(UUID.randomUUID()), AGENT, CommentVisibility.PUBLIC,
                "Looking at it"), 2, now.minus(Duration.ofMinutes(110)));
        TicketId waiting = open(now.minus(Duration.ofHours(4)), "SLA-WAITING");
        send(new TicketCommentAdded(waiting, new CommentId(UUID.randomUUID()), AGENT, CommentVisibility.PUBLIC,
                "Which model?"), 2, now.minus(Duration.ofMinutes(230)));
        send(new TicketStatusChanged(waiting, TicketStatus.OPEN, TicketStatus.WAITING_ON_CUSTOMER, null), 3,
                now.minus(Duration.ofMinutes(229)));
        awaitVersion(waiting, 3);
        awaitVersion(answered, 2);

        JsonNode view = getJson("/api/tickets/" + breached);
        JsonNode first = clock(view, "first_response");
        assertThat(first.get("status").asString()).isEqualTo("breached");
        assertThat(first.get("dueAt").asString()).isEqualTo(now.minus(Duration.ofHours(1)).toString());
        assertThat(first.get("overdueSeconds").asLong()).isCloseTo(3600, within(120L));
        assertThat(first.get("target").get("minutes").asLong()).isEqualTo(60);
        JsonNode resolution = clock(view, "resolution");
        assertThat(resolution.get("status").asString()).isEqualTo("on_track");
        assertThat(resolution.get("timeLeftSeconds").asLong()).isCloseTo(2 * 3600, within(120L));
        assertThat(view.get("sla").get("policy").asString()).isEqualTo("standard");

        JsonNode risky = clock(getJson("/api/tickets/" + atRisk), "first_response");
        assertThat(risky.get("status").asString()).isEqualTo("at_risk");
        assertThat(risky.get("timeLeftSeconds").asLong()).isCloseTo(600, within(120L));
        JsonNode met = clock(getJson("/api/tickets/" + answered), "first_response");
        assertThat(met.get("status").asString()).isEqualTo("met");
        assertThat(met.get("elapsedSeconds").asLong()).isEqualTo(600);
        JsonNode paused = clock(getJson("/api/tickets/" + waiting), "resolution");
        assertThat(paused.get("state").asString()).isEqualTo("paused");
        assertThat(paused.get("timeLeftSeconds").asLong()).isEqualTo(240 * 60 - 11 * 60);
        assertThat(paused.get("pausedSince").asString()).isEqualTo(now.minus(Duration.ofMinutes(229)).toString());

        // As they stood: a past moment's clocks come from the facts up to it, measured at it.
        String past = "/api/tickets/" + breached + "?asOf=";
        JsonNode tenMinutesIn = clock(getJson(past + now.minus(Duration.ofMinutes(110))), "first_response");
        assertThat(tenMinutesIn.get("status").asString()).isEqualTo("on_track");
        assertThat(tenMinutesIn.get("timeLeftSeconds").asLong()).isEqualTo(50 * 60);
        assertThat(clock(getJson(past + now.minus(Duration.ofMinutes(70))), "first_response").get("status")
                .asString()).isEqualTo("at_risk");
        JsonNode overdue = clock(getJson(past + now.minus(Duration.ofMinutes(30))), "first_response");
        assertThat(overdue.get("status").asString()).isEqualTo("breached");
        assertThat(overdue.get("overdueSeconds").asLong()).isEqualTo(30 * 60);
        JsonNode beforePause = clock(getJson("/api/tickets/" + waiting + "?asOf="
                + now.minus(Duration.ofMinutes(229)).minusSeconds(30)), "resolution");
        assertThat(beforePause.get("state").asString()).isEqualTo("running");
        assertThat(beforePause.get("timeLeftSeconds").asLong()).isEqualTo(240 * 60 - 11 * 60 + 30);

        // Requesters do not see service levels, in the view or the list.
        String requester = TestIdentity.bearer(ContractRecords.REQUESTER.toString(), "requester");
        JsonNode own = json.readTree(getAs(requester, "/api/tickets/" + breached).body());
        assertThat(own.has("sla")).isFalse();
        JsonNode ownList = json.readTree(getAs(requester, "/api/tickets?sort=sla&limit=5").body());
        ownList.get("items").forEach(item -> assertThat(item.has("slaDueAt")).isFalse());

        assertThat(search("sla breached")).containsExactly(breached.toString());
        assertThat(search("sla at risk")).containsExactly(atRisk.toString());
        assertThat(search("sla due within 1 hour")).containsExactly(atRisk.toString(), onTrack.toString());
        assertThat(search("NOT sla breached AND sla due within 3h"))
                .containsExactlyInAnyOrder(atRisk.toString(), onTrack.toString(), answered.toString());
        JsonNode sorted = getJson("/api/tickets?sort=sla&limit=3&filter=" + encode("tag = sla-it"));
        assertThat(ids(sorted.get("items"))).containsExactly(breached.toString(), atRisk.toString(),
                onTrack.toString());
        JsonNode rest = getJson("/api/tickets?sort=sla&limit=3&filter=" + encode("tag = sla-it")
                + "&cursor=" + sorted.get("nextCursor").asString());
        // the answered ticket's resolution is due in two hours; the waiting one has no running clock: last
        assertThat(ids(rest.get("items"))).containsExactly(answered.toString(), waiting.toString());
        assertThat(sorted.get("items").get(0).get("slaDueAt").asString())
                .isEqualTo(now.minus(Duration.ofHours(1)).toString());

        JsonNode counts = getJson("/api/sla/counts");
        assertThat(counts.get("breached").get("total").asLong()).isEqualTo(1);
        assertThat(counts.get("breached").get("byStatus").get("open").asLong()).isEqualTo(1);
        assertThat(counts.get("breached").get("byPriority").get("high").asLong()).isEqualTo(1);
        assertThat(counts.get("breached").get("byAssignee").get(0).get("tickets").asLong()).isEqualTo(1);
        assertThat(counts.get("breached").get("byAssignee").get(0).get("assignee").isNull()).isTrue();
        assertThat(counts.get("atRisk").get("total").asLong()).isEqualTo(1);
        assertThat(counts.get("atRisk").get("byStatus").get("open").asLong()).isEqualTo(1);

        JsonNode report = getJson("/api/sla/attainment?from=" + now.minus(Duration.ofDays(1)) + "&to="
                + now.plus(Duration.ofDays(1)));
        JsonNode firstResponse = row(report, "first_response");
        assertThat(firstResponse.get("met").asLong()).isEqualTo(2);
        assertThat(firstResponse.get("missed").asLong()).isZero();
        assertThat(firstResponse.get("breachedOpen").asLong()).isEqualTo(1);
        assertThat(firstResponse.get("attainmentPercent").asDouble()).isEqualTo(100.0);
        assertThat(firstResponse.get("medianSeconds").asLong()).isEqualTo(600);
        assertThat(firstResponse.get("p90Seconds").asLong()).isEqualTo(600);

        // A new target of ten hours applies from its moment, never to the time before: the breach stays, the
        // tickets still running get later due times without an event of their own.
        policies(2, now.minus(Duration.ofMinutes(1)), 600);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(search("sla due within 1 hour")).isEmpty());
        assertThat(search("sla breached")).containsExactly(breached.toString());
        JsonNode moved = clock(getJson("/api/tickets/" + onTrack), "first_response");
        assertThat(moved.get("dueAt").asString()).isEqualTo(now.minus(Duration.ofMinutes(30))
                .plus(Duration.ofMinutes(600)).toString());
        assertThat(moved.get("status").asString()).isEqualTo("on_track");

        // The milestones the read side says each ticket reached are those the clocks record (what the consistency
        // check compares with the event store): also for a reopened ticket whose new cycle carries the breach.
        TicketId reopened = open(now.minus(Duration.ofHours(6)), "SLA-REOPENED");
        send(new TicketStatusChanged(reopened, TicketStatus.OPEN, TicketStatus.RESOLVED, null), 2,
                now.minus(Duration.ofMinutes(50)));
        send(new TicketStatusChanged(reopened, TicketStatus.RESOLVED, TicketStatus.OPEN, null), 3,
                now.minus(Duration.ofMinutes(40)));
        awaitVersion(reopened, 3);
        List<TicketId> all = List.of(breached, atRisk, onTrack, answered, waiting, reopened);
        ReadModelSql sql = generations.active();
        SlaConfigs.Config config = configs.current(sql);
        Map<UUID, List<TicketFact>> facts = new TicketClocks(sql, mapper).facts(all.stream().map(TicketId::value)
                .toList());
        Instant asOf = Instant.now();
        Map<String, List<String>> reached = SlaMilestones.reached(sql, all.stream().map(TicketId::toString).toList(),
                asOf);
        for (TicketId ticket : all) {
            List<String> recorded = SlaClocks.compute(facts.get(ticket.value()), config.history(), asOf).milestones()
                    .stream().map(m -> m.metric().wireName() + "/" + m.cycle() + "/"
                            + m.kind().name().toLowerCase(java.util.Locale.ROOT) + "@" + m.at()).sorted().toList();
            assertThat(reached.getOrDefault(ticket.toString(), List.of()).stream().sorted().toList())
                    .as(ticket.toString()).isEqualTo(recorded);
        }
        assertThat(reached.get(reopened.toString())).contains("resolution/1/breach@"
                + now.minus(Duration.ofHours(5)).plus(Duration.ofMinutes(240)))
                .noneMatch(m -> m.startsWith("resolution/2/"));

        // Computed again from the beginning of the topic, by a rebuild, every clock comes out as kept: the clocks a
        // policy change moved without an event of their own as well.
        int active = getJson("/api/admin/read-models").get("activeGeneration").asInt();
        assertThat(post("/api/admin/read-models/rebuild").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> getJson("/api/admin/read-models").get("activeGeneration").asInt() != active);
        int rebuilt = getJson("/api/admin/read-models").get("activeGeneration").asInt();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String table : List.of(
                    "(SELECT * FROM rm_%d.ticket_sla_clock) t",
                    "(SELECT ticket_id, facts, last_event_at, config_version, computed_at, policy, settled "
                            + "FROM rm_%d.ticket_sla) t",
                    "(SELECT id, sla_due_at, sla_warn_at FROM rm_%d.ticket) t")) {
                assertThat(queryLong("SELECT count(*) FROM (SELECT * FROM " + table.formatted(active)
                        + " EXCEPT SELECT * FROM " + table.formatted(rebuilt) + ") d")).as(table).isZero();
                assertThat(queryLong("SELECT count(*) FROM (SELECT * FROM " + table.formatted(rebuilt)
                        + " EXCEPT SELECT * FROM " + table.formatted(active) + ") d")).as(table).isZero();
            }
        });
        assertThat(queryLong("SELECT count(*) FROM rm_" + rebuilt + ".ticket_sla_clock")).isEqualTo(15);
    }

    @Test
    void badFiltersAndPeriodsAreAnsweredWithTheirProblem() throws Exception {
        HttpResponse<String> filter = get("/api/tickets?filter=" + encode("sla late"));
        assertThat(filter.statusCode()).isEqualTo(400);
        assertThat(filter.body()).contains("expected BREACHED, AT RISK or DUE WITHIN");
        HttpResponse<String> within = get("/api/tickets?filter=" + encode("sla due within soon"));
        assertThat(within.statusCode()).isEqualTo(400);
        assertThat(get("/api/sla/attainment?from=2026-12-01&to=2026-11-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/sla/attainment?from=yesterday&to=2026-11-01").body()).contains("from");
        assertThat(get("/api/sla/attainment?from=2020-01-01&to=2026-11-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/sla/attainment?to=2026-11-01").statusCode()).isEqualTo(400);
    }

    private void policies(long version, Instant at, long firstResponseMinutes) throws Exception {
        List<SlaTarget> targets = new java.util.ArrayList<>();
        for (Priority priority : Priority.values()) {
            targets.add(new SlaTarget(priority, SlaMetric.FIRST_RESPONSE, firstResponseMinutes, TimeBasis.CALENDAR,
                    15));
            targets.add(new SlaTarget(priority, SlaMetric.RESOLUTION, 240, TimeBasis.CALENDAR, 30));
        }
        SlaPolicy standard = new SlaPolicy("standard", "Standard", SlaConditions.ANY, null, targets,
                List.of(new SlaPause(TicketStatus.WAITING_ON_CUSTOMER, Set.of(SlaMetric.RESOLUTION))), false, true);
        send(new SlaPoliciesChanged(PolicyBookId.DEFAULT, List.of(standard), "test targets"), version, at);
        awaitVersion(PolicyBookId.DEFAULT.value(), version);
    }

    private TicketId open(Instant at, String number) throws Exception {
        return open(at, number, "sla-it");
    }

    private TicketId open(Instant at, String number, String tag) throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        send(new TicketOpened(id, number + "-" + id.value().toString().substring(0, 6), "Service level " + number, "",
                Priority.HIGH, ContractRecords.REQUESTER, List.of(tag)), 1, at);
        return id;
    }

    private void send(dev.docket.events.DocketEvent event, long version, Instant at) throws Exception {
        events.send(event, version, position++, at);
    }

    private List<String> search(String filter) throws Exception {
        return ids(getJson("/api/tickets?sort=sla&limit=50&filter=" + encode(filter + " AND tag = sla-it"))
                .get("items"));
    }

    private static JsonNode clock(JsonNode view, String metric) {
        for (JsonNode clock : view.get("sla").get("clocks")) {
            if (clock.get("metric").asString().equals(metric)) {
                return clock;
            }
        }
        throw new AssertionError("no " + metric + " clock in " + view.get("sla"));
    }

    private static JsonNode row(JsonNode report, String metric) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("metric").asString().equals(metric)) {
                return row;
            }
        }
        throw new AssertionError("no " + metric + " row in " + report);
    }
}
