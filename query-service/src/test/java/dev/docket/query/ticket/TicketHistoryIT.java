package dev.docket.query.ticket;

import dev.docket.events.AttachmentId;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.DocketEvent;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestIdentity;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket as of a version or an instant, and diffs, against views recorded live: random histories are published
 * event by event, the live view (an agent's and the requester's) is recorded after each, and then every version's
 * past view must equal the recorded one, and diffs, applied with an independent JSON Patch implementation, must turn
 * one recorded view into another, directly or composed.
 */
class TicketHistoryIT extends QueryServiceTestBase {

    private static final List<String> TAG_POOL = List.of("printer", "vpn", "billing", "urgent", "hardware", "email");
    private static final AtomicLong POSITION = new AtomicLong(5_000_000);

    private final UserId requesterA = new UserId(UUID.randomUUID());
    private final UserId requesterB = new UserId(UUID.randomUUID());
    private final UserId agent1 = new UserId(UUID.randomUUID());
    private final UserId agent2 = new UserId(UUID.randomUUID());

    @BeforeEach
    void people() throws Exception {
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        int n = 0;
        for (UserId person : List.of(requesterA, requesterB, agent1, agent2)) {
            Role role = person == agent1 || person == agent2 ? Role.AGENT : Role.REQUESTER;
            events.send(new UserRegistered(person, person + "@example.com", "Person " + n++, role), 1,
                    POSITION.incrementAndGet(), t, "tester");
        }
        for (UserId person : List.of(requesterA, requesterB, agent1, agent2)) {
            awaitVersion(person, 1);
        }
    }

    /** What the test knows of the ticket as it publishes: enough to make a valid next event. */
    private final class History {
        final TicketId id = new TicketId(UUID.randomUUID());
        final Random random;
        final Instant start;
        TicketStatus status = TicketStatus.OPEN;
        Priority priority = Priority.NORMAL;
        UserId assignee;
        UserId requester = requesterA;
        List<String> tags = new ArrayList<>();
        boolean archived;
        long version;
        final Map<Long, JsonNode> agentViews = new HashMap<>();
        final Map<Long, JsonNode> requesterViews = new HashMap<>();
        final Map<Long, String> actors = new HashMap<>();
        final Map<Long, Instant> times = new HashMap<>();

        History(long seed, Instant start) {
            this.random = new Random(seed);
            this.start = start;
        }

        void publish(DocketEvent event, String actor) throws Exception {
            version++;
            Instant time = start.plusSeconds(60 * version);
            events.send(event, version, POSITION.incrementAndGet(), time, actor);
            awaitVersion(id, version);
            agentViews.put(version, withoutSla(getJson("/api/tickets/" + id)));
            HttpResponse<String> own = getAs(TestIdentity.bearer(requester.toString(), "requester"), "/api/tickets/" + id);
            assertThat(own.statusCode()).isEqualTo(200);
            requesterViews.put(version, json.readTree(own.body()));
            actors.put(version, actor);
            times.put(version, time);
        }

        void open() throws Exception {
            tags = new ArrayList<>(List.of(TAG_POOL.get(random.nextInt(TAG_POOL.size()))));
            publish(new TicketOpened(id, "HIS-" + id.value().toString().substring(0, 8), "Printer on floor 3",
                    "It prints blank pages", priority, requester, tags), requester.toString());
        }

        void next() throws Exception {
            String actor = random.nextInt(4) == 0 ? requester.toString()
                    : (random.nextBoolean() ? agent1 : agent2).toString();
            switch (random.nextInt(11)) {
                case 0 -> {
                    TicketStatus to = other(TicketStatus.values(), status);
                    publish(new TicketStatusChanged(id, status, to, random.nextBoolean() ? "because" : null), actor);
                    status = to;
                }
                case 1 -> {
                    Priority to = other(Priority.values(), priority);
                    publish(new TicketPriorityChanged(id, priority, to), actor);
                    priority = to;
                }
                case 2 -> {
                    UserId to = agent1.equals(assignee) ? agent2 : agent1;
                    publish(new TicketAssigned(id, to, assignee), actor);
                    assignee = to;
                }
                case 3 -> {
                    if (assignee == null) {
                        next();
                        return;
                    }
                    publish(new TicketUnassigned(id, assignee), actor);
                    assignee = null;
                }
                case 4 -> {
                    UserId from = requester;
                    requester = from.equals(requesterA) ? requesterB : requesterA;
                    publish(new TicketOwnershipTransferred(id, from, requester, "moved"), actor);
                }
                case 5 -> {
                    List<String> added = new ArrayList<>();
                    List<String> removed = new ArrayList<>();
                    for (String tag : TAG_POOL) {
                        int roll = random.nextInt(4);
                        if (roll == 0) {
                            added.add(tag);
                        } else if (roll == 1) {
                            removed.add(tag);
                        }
                    }
                    if (added.isEmpty() && removed.isEmpty()) {
                        added.add("vpn");
                    }
                    publish(new TicketTagsChanged(id, added, removed), actor);
                    List<String> kept = new ArrayList<>(tags);
                    kept.removeAll(removed);
                    for (String tag : added) {
                        if (!tags.contains(tag) && !kept.contains(tag)) {
                            kept.add(tag);
                        }
                    }
                    tags = kept;
                }
                case 6, 7 -> publish(new TicketCommentAdded(id, new CommentId(UUID.randomUUID()), actor,
                        random.nextBoolean() ? CommentVisibility.PUBLIC : CommentVisibility.INTERNAL,
                        "Reply " + version), actor);
                case 8 -> publish(new TicketAttachmentAdded(id, new AttachmentId(UUID.randomUUID()),
                        "log-" + version + ".txt", "text/plain", 10 + version, "a".repeat(64)), actor);
                case 9 -> publish(new TicketEdited(id, random.nextBoolean() ? "Printer, edit " + version
                        : "Printer on floor 3", random.nextBoolean() ? "Still blank, " + version
                        : "It prints blank pages"), actor);
                default -> {
                    publish(archived ? new TicketRestored(id, "back") : new TicketArchived(id, "done"), actor);
                    archived = !archived;
                }
            }
        }

        /** Whether a version for which {@code holds} is true was current at some moment of [since, until). */
        boolean held(java.util.function.LongPredicate holds, Instant since, Instant until) {
            for (long v = 1; v <= version; v++) {
                Instant from = times.get(v);
                Instant to = v == version ? null : times.get(v + 1);
                boolean overlaps = (until == null || from.isBefore(until)) && (since == null || to == null
                        || to.isAfter(since));
                if (holds.test(v) && overlaps) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a version after the first changed {@code field} (any change, for null: the caller's test says
         * it) so that {@code holds}, in [since, until) and by {@code by} when given.
         */
        boolean changedAt(java.util.function.LongPredicate holds, Instant since, Instant until, String by,
                          String field) {
            for (long v = 2; v <= version; v++) {
                Instant at = times.get(v);
                boolean changed = field == null
                        || !agentViews.get(v).get(field).equals(agentViews.get(v - 1).get(field));
                if (changed && holds.test(v) && (since == null || !at.isBefore(since))
                        && (until == null || at.isBefore(until)) && (by == null || by.equals(actors.get(v)))) {
                    return true;
                }
            }
            return false;
        }

        private <T> T other(T[] values, T current) {
            T pick;
            do {
                pick = values[random.nextInt(values.length)];
            } while (pick == current);
            return pick;
        }
    }

    private History randomHistory(long seed, int events) throws Exception {
        History history = new History(seed, Instant.parse("2026-03-02T09:00:00Z").plusSeconds(seed * 86_400));
        history.open();
        for (int i = 1; i < events; i++) {
            history.next();
        }
        return history;
    }

    @Test
    void everyPastViewEqualsTheViewRecordedAtItsVersion() throws Exception {
        for (long seed : new long[] {11, 12}) {
            History history = randomHistory(seed, 40);
            String asRequester = TestIdentity.bearer(history.requester.toString(), "requester");
            for (long v = 1; v <= history.version; v++) {
                String path = "/api/tickets/" + history.id + "?asOf=";
                assertThat(withoutSla(getJson(path + v))).as("seed %d, version %d", seed, v)
                        .isEqualTo(history.agentViews.get(v));
                // an instant between two events shows the earlier one
                assertThat(withoutSla(getJson(path + history.times.get(v).plusSeconds(30))))
                        .as("seed %d, at version %d's time", seed, v).isEqualTo(history.agentViews.get(v));
                HttpResponse<String> own = getAs(asRequester, path + v);
                assertThat(own.statusCode()).isEqualTo(200);
                assertThat(json.readTree(own.body())).as("seed %d, requester, version %d", seed, v)
                        .isEqualTo(history.requesterViews.get(v));
                assertThat(own.body()).doesNotContain("\"internal\":true").doesNotContain("internalNotes");
            }
        }
    }

    @Test
    void diffsTurnOneRecordedViewIntoAnotherDirectlyAndComposed() throws Exception {
        History history = randomHistory(21, 40);
        Random random = new Random(22);
        String base = "/api/tickets/" + history.id + "/diff?from=";
        for (int i = 0; i < 25; i++) {
            long[] v = random.longs(3, 1, history.version + 1).sorted().toArray();
            JsonNode ab = getJson(base + v[0] + "&to=" + v[1]);
            JsonNode bc = getJson(base + v[1] + "&to=" + v[2]);
            JsonNode ac = getJson(base + v[0] + "&to=" + v[2]);
            JsonNode a = history.agentViews.get(v[0]);
            JsonNode b = history.agentViews.get(v[1]);
            JsonNode c = history.agentViews.get(v[2]);
            assertThat(apply(a, ab)).as("%d→%d", v[0], v[1]).isEqualTo(jakarta(b));
            assertThat(apply(apply(a, ab), bc)).as("%d→%d→%d", v[0], v[1], v[2]).isEqualTo(jakarta(c));
            assertThat(apply(a, ac)).as("%d→%d", v[0], v[2]).isEqualTo(jakarta(c));
            for (JsonNode op : ac.get("patch")) {
                long version = op.get("version").asLong();
                assertThat(version).as("%s", op).isGreaterThan(v[0]).isLessThanOrEqualTo(v[2]);
                assertThat(op.get("actor").asString()).as("%s", op).isEqualTo(history.actors.get(version));
                assertThat(Instant.parse(op.get("at").asString())).isEqualTo(history.times.get(version));
            }
            // the same diff asked by instants
            JsonNode byTime = getJson(base + history.times.get(v[0]) + "&to=" + history.times.get(v[2]));
            assertThat(byTime.get("patch")).isEqualTo(ac.get("patch"));
        }
        JsonNode toNow = getJson(base + "1");
        assertThat(toNow.get("to").get("version").asLong()).isEqualTo(history.version);
        assertThat(apply(history.agentViews.get(1L), toNow)).isEqualTo(jakarta(history.agentViews.get(history.version)));
        assertThat(getJson(base + "3&to=3").get("patch").size()).isZero();
    }

    @Test
    void wasAndChangedFindTheTicketsTheRecordedHistoriesSay() throws Exception {
        List<History> histories = new ArrayList<>();
        for (long seed = 51; seed <= 54; seed++) {
            histories.add(randomHistory(seed, 30));
        }
        Random random = new Random(55);
        Instant first = histories.stream().map(h -> h.times.get(1L)).min(Instant::compareTo).orElseThrow();
        Instant last = histories.stream().map(h -> h.times.get(h.version)).max(Instant::compareTo).orElseThrow();
        long span = last.getEpochSecond() - first.getEpochSecond() + 120;
        List<String> statuses = List.of("open", "in_progress", "waiting_on_customer", "resolved", "closed");
        for (int i = 0; i < 30; i++) {
            Instant since = first.minusSeconds(60).plusSeconds(random.nextLong(span));
            Instant until = since.plusSeconds(60 + random.nextLong(span / 2));
            String status = statuses.get(random.nextInt(statuses.size()));
            String tag = TAG_POOL.get(random.nextInt(TAG_POOL.size()));
            String actor = (random.nextBoolean() ? agent1 : agent2).toString();
            String during = " DURING (" + since + ", " + until + ")";
            check(histories, "status WAS " + status + during,
                    h -> h.held(v -> status.equals(h.agentViews.get(v).get("status").asString()), since, until));
            check(histories, "priority WAS IN (low, urgent) BEFORE " + until,
                    h -> h.held(v -> List.of("low", "urgent").contains(h.agentViews.get(v).get("priority").asString()),
                            null, until));
            check(histories, "assignee WAS none AFTER " + since,
                    h -> h.held(v -> h.agentViews.get(v).get("assignee").isNull(), since, null));
            check(histories, "assignee WAS " + actor + " BY " + actor,
                    h -> h.changedAt(v -> actor.equals(id(h.agentViews.get(v).get("assignee"))), null, null,
                            actor, "assignee"));
            check(histories, "tag WAS " + tag + during, h -> h.held(v -> tags(h, v).contains(tag), since, until));
            check(histories, "NOT status WAS " + status + during,
                    h -> !h.held(v -> status.equals(h.agentViews.get(v).get("status").asString()), since, until));
            check(histories, "status CHANGED TO " + status + during,
                    h -> h.changedAt(v -> status.equals(h.agentViews.get(v).get("status").asString()), since, until,
                            null, "status"));
            check(histories, "status CHANGED FROM " + status + " BY " + actor,
                    h -> h.changedAt(v -> status.equals(h.agentViews.get(v - 1).get("status").asString()), null, null,
                            actor, "status"));
            check(histories, "priority CHANGED" + during,
                    h -> h.changedAt(v -> true, since, until, null, "priority"));
            check(histories, "tag CHANGED TO " + tag + during, h -> h.changedAt(
                    v -> tags(h, v).contains(tag) && !tags(h, v - 1).contains(tag), since, until, null, null));
            check(histories, "tag CHANGED FROM " + tag + " BY " + actor, h -> h.changedAt(
                    v -> !tags(h, v).contains(tag) && tags(h, v - 1).contains(tag), null, null, actor, null));
        }
        HttpResponse<String> wrong = get("/api/tickets?filter=" + encode("title WAS x"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("INVALID_FILTER").contains("title has no history to search");
        HttpResponse<String> backwards = get("/api/tickets?filter=" + encode("status WAS open DURING (2026-02-01, "
                + "2026-01-01)"));
        assertThat(backwards.body()).contains("INVALID_FILTER").contains("must end after it starts");
        assertThat(get("/api/tickets?filter=" + encode("status WAS unknown")).body()).contains("expected a status");
    }

    private void check(List<History> histories, String filter, java.util.function.Predicate<History> expected)
            throws Exception {
        String scoped = "(" + filter + ") AND requester IN (" + requesterA + ", " + requesterB + ")";
        JsonNode page = getJson("/api/tickets?archived=any&limit=50&filter=" + encode(scoped));
        List<String> want = histories.stream().filter(expected).map(h -> h.id.toString()).sorted().toList();
        assertThat(ids(page.get("items")).stream().sorted().toList()).as(filter).isEqualTo(want);
    }

    private static List<String> tags(History history, long version) {
        List<String> tags = new ArrayList<>();
        history.agentViews.get(version).get("tags").forEach(tag -> tags.add(tag.asString()));
        return tags;
    }

    private static String id(JsonNode person) {
        return person == null || person.isNull() ? null : person.get("id").asString();
    }

    @Test
    void pastStatesKeepTodaysPermissions() throws Exception {
        History history = new History(31, Instant.parse("2026-04-01T09:00:00Z"));
        history.open();
        history.publish(new TicketCommentAdded(history.id, new CommentId(UUID.randomUUID()), agent1.toString(),
                CommentVisibility.INTERNAL, "Internal: the customer is on the old firmware"), agent1.toString());
        history.requester = requesterB;
        history.publish(new TicketOwnershipTransferred(history.id, requesterA, requesterB, "moved"),
                agent2.toString());
        String ticket = "/api/tickets/" + history.id;
        // the former requester no longer sees the ticket, not even as it was while theirs
        for (String path : List.of(ticket + "?asOf=1", ticket + "/diff?from=1&to=2")) {
            HttpResponse<String> former = getAs(TestIdentity.bearer(requesterA.toString(), "requester"), path);
            assertThat(former.statusCode()).as(path).isEqualTo(404);
            assertThat(former.body()).contains("TICKET_NOT_FOUND");
        }
        String asB = TestIdentity.bearer(requesterB.toString(), "requester");
        JsonNode diff = json.readTree(getAs(asB, ticket + "/diff?from=1&to=3").body());
        // nothing of the internal note: neither its text nor who wrote it, though the version and activity moved
        assertThat(diff.toString()).doesNotContain("old firmware").doesNotContain("internal")
                .doesNotContain(agent1.toString()).contains(agent2.toString());
        assertThat(diff.get("patch").findValuesAsString("path")).containsExactly("/requester/id", "/requester/name",
                "/updatedAt", "/lastActivityAt", "/version");
        assertThat(getJson(ticket + "/diff?from=1&to=2").toString()).contains("old firmware");
    }

    @Test
    void wrongPointsAreAnsweredWithProblems() throws Exception {
        History history = new History(41, Instant.parse("2026-05-01T09:00:00Z"));
        history.open();
        history.next();
        String ticket = "/api/tickets/" + history.id;
        problem(ticket + "?asOf=0", 400, "VALIDATION_FAILED", "asOf");
        problem(ticket + "?asOf=yesterday", 400, "VALIDATION_FAILED", "asOf");
        problem(ticket + "?asOf=3", 400, "VALIDATION_FAILED", "has 2 versions");
        problem(ticket + "?asOf=2026-04-30", 404, "TICKET_NOT_FOUND", "did not exist yet");
        problem(ticket + "/diff?from=2&to=1", 400, "VALIDATION_FAILED", "must not come after");
        problem(ticket + "/diff", 400, "", "from");
        problem(ticket + "/diff?from=1&to=2026-13-45", 400, "VALIDATION_FAILED", "to");
        problem("/api/tickets/" + UUID.randomUUID() + "?asOf=1", 404, "TICKET_NOT_FOUND", "No ticket");
        problem("/api/tickets/not-an-id/diff?from=1", 400, "VALIDATION_FAILED", "id");
    }

    private void problem(String path, int status, String code, String detail) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(response.body()).contains(code).contains(detail).doesNotContain("Exception");
    }

    private static JsonNode withoutSla(JsonNode view) {
        ((ObjectNode) view).remove("sla");
        return view;
    }

    private static JsonStructure jakarta(JsonNode node) {
        return Json.createReader(new StringReader(node.toString())).read();
    }

    /** Applies the diff's patch with Jakarta JSON Processing's own JSON Patch (it ignores our extra members). */
    private static JsonStructure apply(JsonNode view, JsonNode diff) {
        return apply(jakarta(view), diff);
    }

    private static JsonStructure apply(JsonStructure view, JsonNode diff) {
        return Json.createPatch(Json.createReader(new StringReader(diff.get("patch").toString())).readArray())
                .apply(view);
    }
}
