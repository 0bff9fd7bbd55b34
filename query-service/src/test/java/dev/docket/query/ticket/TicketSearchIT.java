package dev.docket.query.ticket;

import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search over the ticket read model: every filter, the boolean filter expression, ranked free text with its substring
 * fallback, sorting, and keyset pagination. Every query is scoped to this class's own tickets by a tag unique to the
 * run (other test classes share the database).
 */
@TestPropertySource(properties = "docket.read.relevance-window=100")
class TicketSearchIT extends QueryServiceTestBase {

    private static final String RUN = "run" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final UserId ANA = new UserId(UUID.randomUUID());
    private static final UserId BO = new UserId(UUID.randomUUID());
    private static final UserId OTHER_REQUESTER = new UserId(UUID.randomUUID());
    /** Ticket number suffix → id. */
    private static final Map<Integer, TicketId> T = new HashMap<>();
    private static boolean loaded;
    private static long position = 1;

    @BeforeEach
    void tickets() throws Exception {
        if (loaded) {
            return;
        }
        events.send(new UserRegistered(ANA, "ana@example.com", "Ana Agent", Role.AGENT), 1, position++, NOW);
        events.send(new UserRegistered(BO, "bo@example.com", "Bo Agent", Role.AGENT), 1, position++, NOW);
        events.send(new UserRegistered(OTHER_REQUESTER, "other@example.com", "Aaron Other", Role.REQUESTER), 1,
                position++, NOW);
        open(1, "Payment failed on checkout", Priority.URGENT, days(1), List.of("billing"), ContractRecords.REQUESTER);
        assign(1, ANA, days(1).plusSeconds(60));
        open(2, "Payment page slow", Priority.NORMAL, days(10), List.of(), ContractRecords.REQUESTER);
        events.send(new TicketStatusChanged(T.get(2), TicketStatus.OPEN, TicketStatus.IN_PROGRESS, ""), 2, position++,
                NOW.minus(Duration.ofHours(1)));
        open(3, "Refund for double payment", Priority.LOW, days(8), List.of("billing"), ContractRecords.REQUESTER);
        assign(3, BO, days(8).plusSeconds(60));
        open(4, "Printer jam", Priority.URGENT, days(2), List.of(), ContractRecords.REQUESTER);
        open(5, "Login broken", Priority.HIGH, days(20), List.of("auth"), OTHER_REQUESTER);
        events.send(new TicketStatusChanged(T.get(5), TicketStatus.OPEN, TicketStatus.WAITING_ON_CUSTOMER, ""), 2,
                position++, days(19));
        open(6, "Archived payment issue", Priority.URGENT, days(30), List.of(), ContractRecords.REQUESTER);
        events.send(new TicketArchived(T.get(6), "duplicate"), 2, position++, days(29));
        open(7, "Prepayment question", Priority.NORMAL, days(3), List.of(), ContractRecords.REQUESTER);
        events.send(new TicketStatusChanged(T.get(7), TicketStatus.OPEN, TicketStatus.RESOLVED, ""), 2, position++,
                days(3).plusSeconds(60));
        for (int n : List.of(1, 2, 3, 5, 6, 7)) {
            awaitVersion(T.get(n), 2);
        }
        awaitVersion(T.get(4), 1);
        awaitVersion(ANA, 1);
        awaitVersion(BO, 1);
        awaitVersion(OTHER_REQUESTER, 1);
        loaded = true;
    }

    @Test
    void filtersByOneOrSeveralStatuses() throws Exception {
        assertThat(search("status=open")).containsExactlyInAnyOrder(1, 3, 4);
        assertThat(search("status=open&status=in_progress")).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(search("status=open,waiting_on_customer")).containsExactlyInAnyOrder(1, 3, 4, 5);
    }

    @Test
    void filtersByPriorityAndPriorityRange() throws Exception {
        assertThat(search("priority=urgent")).containsExactlyInAnyOrder(1, 4);
        assertThat(search("filter=" + encode("priority >= high"))).containsExactlyInAnyOrder(1, 4, 5);
        assertThat(search("filter=" + encode("priority < normal"))).containsExactlyInAnyOrder(3);
    }

    @Test
    void filtersByAssigneeIncludingUnassignedAndByRequester() throws Exception {
        assertThat(search("assignee=" + ANA)).containsExactlyInAnyOrder(1);
        assertThat(search("assignee=none")).containsExactlyInAnyOrder(2, 4, 5, 7);
        assertThat(search("filter=" + encode("assignee != " + ANA))).containsExactlyInAnyOrder(2, 3, 4, 5, 7);
        assertThat(search("requester=" + OTHER_REQUESTER)).containsExactlyInAnyOrder(5);
    }

    @Test
    void filtersByTagAndArchivedWhichIsHiddenUnlessAskedFor() throws Exception {
        assertThat(search("tag=billing")).containsExactlyInAnyOrder(1, 3);
        assertThat(search("filter=" + encode("tag in (auth, billing)"))).containsExactlyInAnyOrder(1, 3, 5);
        assertThat(search("archived=true")).containsExactlyInAnyOrder(6);
        assertThat(search("archived=any")).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
        assertThat(search("filter=" + encode("archived = true OR priority = urgent"))).containsExactlyInAnyOrder(1, 4, 6);
    }

    @Test
    void filtersByCreatedAndUpdatedRangesAndByAge() throws Exception {
        assertThat(search("createdFrom=" + days(9))).containsExactlyInAnyOrder(1, 3, 4, 7);
        assertThat(search("createdTo=" + days(9))).containsExactlyInAnyOrder(2, 5);
        assertThat(search("updatedFrom=" + NOW.minus(Duration.ofHours(2)))).containsExactlyInAnyOrder(2);
        assertThat(search("filter=" + encode("updated < " + days(15)))).containsExactlyInAnyOrder(5);
        assertThat(search("olderThan=7d")).containsExactlyInAnyOrder(2, 3, 5);
        assertThat(search("newerThan=7d")).containsExactlyInAnyOrder(1, 4, 7);
        assertThat(search("filter=" + encode("older than 9 days"))).containsExactlyInAnyOrder(2, 5);
        assertThat(search("filter=" + encode("age < 48h"))).containsExactlyInAnyOrder(1);
        assertThat(search("olderThan=" + encode("7 days"))).containsExactlyInAnyOrder(2, 3, 5);
        assertThat(search("filter=" + encode("age >= 2 weeks"))).isEqualTo(search("olderThan=14d"));
        assertThat(search("filter=" + encode("older than 999999w"))).isEmpty();
    }

    @Test
    void answersTheOriginGuidesBooleanExampleInOneRequest() throws Exception {
        String example = "status in (open, in_progress) AND (priority = urgent OR older than 7 days) "
                + "AND title matches payment";

        assertThat(search("filter=" + encode(example))).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(search("filter=" + encode("NOT status = open AND NOT archived = true")))
                .containsExactlyInAnyOrder(2, 5, 7);
        assertThat(search("filter=" + encode("title contains \"repay\""))).containsExactlyInAnyOrder(7);
    }

    @Test
    void rankedFullTextFirstAndASubstringOfTheTitleWhenNothingMatchesAWholeWord() throws Exception {
        JsonNode ranked = getJson("/api/tickets?tag=" + RUN + "&q=payment");
        assertThat(numbers(ranked)).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ranked.get("match").asString()).isEqualTo("fulltext");
        assertThat(ranked.get("sort").asString()).isEqualTo("relevance");
        List<Float> ranks = new ArrayList<>();
        ranked.get("items").forEach(item -> ranks.add(item.get("rank").floatValue()));
        assertThat(ranks).isSortedAccordingTo((a, b) -> Float.compare(b, a)).allMatch(r -> r > 0);

        JsonNode partial = getJson("/api/tickets?tag=" + RUN + "&q=paym");
        assertThat(partial.get("match").asString()).isEqualTo("substring");
        assertThat(numbers(partial)).containsExactlyInAnyOrder(1, 2, 3, 7);
    }

    @Test
    void sortsByPriorityAndByCreationBothWays() throws Exception {
        assertThat(search("sort=-priority&status=open")).containsExactly(1, 4, 3);
        assertThat(search("sort=created&status=open")).containsExactly(3, 4, 1);
        assertThat(search("status=open")).containsExactly(1, 4, 3);
        assertThat(search("sort=-updated&newerThan=30d")).startsWith(2);
    }

    @Test
    void sortsByTitlePeopleAndStatusBothWaysAndPagesThroughEachOrder() throws Exception {
        Map<String, List<Integer>> expected = Map.of(
                "title", List.of(5, 1, 2, 7, 4, 3),
                // unassigned first (oldest first among them), then Ana, then Bo
                "assignee", List.of(5, 2, 7, 4, 1, 3),
                // the workflow's order: open (oldest first), in progress, waiting on customer, resolved
                "status", List.of(3, 4, 1, 2, 5, 7));
        for (var order : expected.entrySet()) {
            assertThat(pageThrough("sort=" + order.getKey())).as(order.getKey()).isEqualTo(order.getValue());
            assertThat(pageThrough("sort=-" + order.getKey())).as("-" + order.getKey())
                    .isEqualTo(order.getValue().reversed());
        }
        // the requester's name, whatever another test class calls the shared requester: Aaron Other's one ticket
        // comes before or after all the others, which stay oldest first
        List<Integer> byRequester = pageThrough("sort=requester");
        List<Integer> others = List.of(2, 3, 7, 4, 1);
        assertThat(byRequester).satisfiesAnyOf(
                list -> assertThat(list).isEqualTo(concat(List.of(5), others)),
                list -> assertThat(list).isEqualTo(concat(others, List.of(5))));
        assertThat(pageThrough("sort=-requester")).isEqualTo(byRequester.reversed());
    }

    @Test
    void countsWhatTheSearchFindsExactlyAndARequesterOnlyTheirOwn() throws Exception {
        for (String query : List.of("", "status=open", "filter=" + encode("priority >= high OR tag = auth"),
                "q=payment", "q=paym", "archived=any", "filter=" + encode("archived = true"))) {
            assertThat(getJson("/api/tickets/count?tag=" + RUN + "&" + query).get("count").asLong()).as(query)
                    .isEqualTo(pageThrough(query).size());
        }
        assertThat(getJson("/api/tickets/count?tag=" + RUN).get("count").asLong()).isEqualTo(6);
        String other = TestIdentity.bearer(OTHER_REQUESTER.toString(), "requester");
        JsonNode own = json.readTree(getAs(other, "/api/tickets/count?tag=" + RUN).body());
        assertThat(own.get("count").asLong()).isOne();
        HttpResponse<String> invalid = get("/api/tickets/count?filter=" + encode("status in (open"));
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    /** Every page of a search, two tickets at a time. */
    private List<Integer> pageThrough(String query) throws Exception {
        List<Integer> all = new ArrayList<>();
        JsonNode page = getJson("/api/tickets?tag=" + RUN + "&limit=2&" + query);
        all.addAll(numbers(page));
        while (page.get("nextCursor").isString()) {
            page = getJson("/api/tickets?tag=" + RUN + "&limit=2&" + query + "&cursor="
                    + page.get("nextCursor").asString());
            all.addAll(numbers(page));
        }
        return all;
    }

    private static List<Integer> concat(List<Integer> first, List<Integer> second) {
        List<Integer> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    @Test
    void listsShowPeoplesCurrentDisplayNames() throws Exception {
        JsonNode first = getJson("/api/tickets?tag=" + RUN + "&assignee=" + BO).get("items").get(0);
        assertThat(first.get("assignee").get("name").asString()).isEqualTo("Bo Agent");

        events.send(new UserDisplayNameChanged(BO, "Bo Renamed"), 2, position++, NOW);
        awaitVersion(BO, 2);

        JsonNode renamed = getJson("/api/tickets?tag=" + RUN + "&assignee=" + BO).get("items").get(0);
        assertThat(renamed.get("assignee").get("name").asString()).isEqualTo("Bo Renamed");
        assertThat(renamed.get("requester").get("id").asString()).isEqualTo(ContractRecords.REQUESTER.toString());
    }

    @Test
    void refusesAFilterItCannotParseNamingThePosition() throws Exception {
        assertInvalidFilter("status in (open", 16, "expected ',' or ')'");
        assertInvalidFilter("status = bogus", 10, "expected a status");
        assertInvalidFilter("priority ~ urgent", 10, "unexpected character '~'");
        assertInvalidFilter("colour = red", 1, "unknown field 'colour'");
        assertInvalidFilter("status = open AND", 18, "expected a field name");
        assertInvalidFilter("title contains ab", 16, "at least 3 characters");
        assertInvalidFilter("older than soon", 12, "expected a duration");
    }

    @Test
    void refusesBadParametersWithTheFieldNamed() throws Exception {
        assertInvalidParameter("status=bogus", "status");
        assertInvalidParameter("assignee=nobody", "assignee");
        assertInvalidParameter("createdFrom=yesterday", "createdFrom");
        assertInvalidParameter("olderThan=ages", "olderThan");
        assertInvalidParameter("archived=maybe", "archived");
        assertInvalidParameter("sort=colour", "sort");
        assertInvalidParameter("sort=relevance", "sort");
        assertInvalidParameter("stauts=open", "stauts");
        assertInvalidParameter("cursor=bm90LWEtY3Vyc29y", "cursor");
        assertInvalidParameter("q=" + "w".repeat(501), "q");
        assertInvalidParameter("filter=" + encode("status = open OR ".repeat(120) + "status = open"), "filter");
    }

    @Test
    void refusesTextPostgresCannotStoreInAnyParameterInsteadOfFailing() throws Exception {
        assertInvalidParameter("q=a%00b", "q");
        assertInvalidParameter("tag=a%00b", "tag");
        assertInvalidParameter("filter=" + encode("title contains \"ab\u0000c\""), "filter");
        assertInvalidParameter("q=a%C0%AFb", "q");
        assertInvalidParameter("q=%ED%A0%80", "q");
        HttpResponse<String> audit = get("/api/audit?actor=a%00b");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(400);
        assertThat(json.readTree(audit.body()).get("errors").get(0).get("field").asString()).isEqualTo("actor");
    }

    @Test
    void aCursorOnlyContinuesTheQueryThatMadeIt() throws Exception {
        JsonNode page = getJson("/api/tickets?tag=" + RUN + "&limit=2");
        String cursor = page.get("nextCursor").asString();
        assertThat(get("/api/tickets?tag=" + RUN + "&limit=2&cursor=" + cursor).statusCode()).isEqualTo(200);

        HttpResponse<String> other = get("/api/tickets?tag=" + RUN + "&status=open&limit=2&cursor=" + cursor);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json.readTree(other.body()).get("errors").get(0).get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void pagesThroughEveryTicketExactlyOnceWhileTicketsChangeAndNewOnesArrive() throws Exception {
        String tag = "page" + UUID.randomUUID().toString().substring(0, 8);
        List<TicketId> original = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TicketId id = new TicketId(UUID.randomUUID());
            original.add(id);
            events.sendAsync(new TicketOpened(id, "PG-" + tag + "-" + i, "Paged " + i, "", Priority.NORMAL,
                    ContractRecords.REQUESTER, List.of(tag)), 1, position++, NOW.minusSeconds(1000 - i));
        }
        events.flush();
        for (TicketId id : original) {
            awaitVersion(id, 1);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = getJson("/api/tickets?tag=" + tag + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page.get("items")));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            // Between pages: a ticket already seen and one not yet seen change, and a new ticket arrives.
            TicketId changedSeen = original.get(59 - pages);
            TicketId changedUnseen = original.get(pages);
            events.send(new TicketPriorityChanged(changedSeen, Priority.NORMAL, Priority.URGENT), 2, position++, NOW);
            events.send(new TicketPriorityChanged(changedUnseen, Priority.NORMAL, Priority.LOW), 2, position++, NOW);
            events.send(new TicketOpened(new TicketId(UUID.randomUUID()), "PG-" + tag + "-new" + pages, "New", "",
                    Priority.HIGH, ContractRecords.REQUESTER, List.of(tag)), 1, position++, NOW);
            awaitVersion(changedUnseen, 2);
            pages++;
        } while (cursor != null && pages < 30);

        Set<String> originalIds = new HashSet<>(original.stream().map(TicketId::toString).toList());
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(originalIds);
        assertThat(pages).isEqualTo(9);
    }

    @Test
    void relevanceRanksTheNewestMatchesWhenAWordIsInMoreTicketsThanTheWindowAndPagesStayInsideIt() throws Exception {
        String tag = "win" + UUID.randomUUID().toString().substring(0, 8);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            TicketId id = new TicketId(UUID.randomUUID());
            newestFirst.addFirst(id.toString());
            // every third one says it twice, so ranks differ
            events.sendAsync(new TicketOpened(id, "W-" + tag + "-" + i, "Window " + i,
                    i % 3 == 0 ? "the window again" : "", Priority.NORMAL, ContractRecords.REQUESTER, List.of(tag)),
                    1, position++, NOW.minusSeconds(10_000 - i));
        }
        events.flush();
        awaitVersion(UUID.fromString(newestFirst.getFirst()), 1);
        awaitVersion(UUID.fromString(newestFirst.getLast()), 1);

        List<String> seen = new ArrayList<>();
        List<Float> ranks = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/api/tickets?q=window&tag=" + tag + "&limit=30"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("rankedInNewest").asInt()).isEqualTo(100);
            seen.addAll(ids(page.get("items")));
            page.get("items").forEach(item -> ranks.add(item.get("rank").floatValue()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(newestFirst.subList(0, 100));
        assertThat(ranks).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(ranks.getFirst()).isGreaterThan(ranks.getLast());
        JsonNode newest = getJson("/api/tickets?q=window&tag=" + tag + "&sort=-created&limit=200");
        assertThat(newest.get("items").size()).isEqualTo(150);
        assertThat(newest.has("rankedInNewest")).isFalse();
    }

    private List<Integer> search(String query) throws Exception {
        return numbers(getJson("/api/tickets?tag=" + RUN + "&" + query));
    }

    private static List<Integer> numbers(JsonNode result) {
        List<Integer> numbers = new ArrayList<>();
        result.get("items").forEach(item -> numbers.add(Integer.parseInt(item.get("number").asString()
                .substring(item.get("number").asString().lastIndexOf('-') + 1))));
        return numbers;
    }

    private void assertInvalidFilter(String filter, int position, String message) throws Exception {
        HttpResponse<String> response = get("/api/tickets?filter=" + encode(filter));
        assertThat(response.statusCode()).as(filter).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("INVALID_FILTER");
        assertThat(problem.get("position").asInt()).as(filter).isEqualTo(position);
        assertThat(problem.get("detail").asString()).as(filter).contains(message);
    }

    private void assertInvalidParameter(String query, String field) throws Exception {
        HttpResponse<String> response = get("/api/tickets?" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).as(query).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").get(0).get("field").asString()).as(query).isEqualTo(field);
    }

    private void open(int n, String title, Priority priority, Instant at, List<String> tags, UserId requester)
            throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        T.put(n, id);
        List<String> allTags = new ArrayList<>(tags);
        allTags.add(RUN);
        events.send(new TicketOpened(id, "S" + RUN + "-" + n, title, "About: " + title.toLowerCase(), priority,
                requester, allTags), 1, position++, at);
    }

    private void assign(int n, UserId agent, Instant at) throws Exception {
        events.send(new TicketAssigned(T.get(n), agent, null), 2, position++, at);
    }

    private static Instant days(int days) {
        return NOW.minus(Duration.ofDays(days));
    }
}
