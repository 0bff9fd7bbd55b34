package dev.docket.query.audit;

import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.CalendarId;
import dev.docket.events.PolicyBookId;
import dev.docket.events.Priority;
import dev.docket.events.Role;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.sla.SlaConditions;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TimeBasis;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event is in the audit history with who, when, why and what changed, per ticket and across tickets. */
class AuditHistoryIT extends QueryServiceTestBase {

    @Test
    void aTicketsHistoryListsEveryEventInOrderWithActorCorrelationAndBeforeAndAfter() throws Exception {
        TicketId id = new TicketId(UUID.randomUUID());
        UserId agent = new UserId(UUID.randomUUID());
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        String opening = UUID.randomUUID().toString();
        events.send(ContractRecords.record(topic, opening, ContractRecords.opened(id, "AUD-000001", "Printer"), 1, 1, t,
                "alice"));
        events.send(new TicketEdited(id, "Printer on fire", "Description of Printer"), 2, 2, t.plusSeconds(1), "bob");
        events.send(new TicketStatusChanged(id, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, "picked up"), 3, 3,
                t.plusSeconds(2), "bob");
        events.send(new TicketAssigned(id, agent, null), 4, 4, t.plusSeconds(3), "bob");
        awaitVersion(id, 4);

        JsonNode history = getJson("/api/tickets/" + id + "/history");

        List<JsonNode> entries = new ArrayList<>();
        history.get("items").forEach(entries::add);
        assertThat(entries).extracting(e -> e.get("version").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(entries).extracting(e -> e.get("type").asString()).containsExactly("dev.docket.ticket.opened.v2",
                "dev.docket.ticket.edited.v2", "dev.docket.ticket.status-changed.v1", "dev.docket.ticket.assigned.v1");
        JsonNode opened = entries.get(0);
        assertThat(opened.get("eventId").asString()).isEqualTo(opening);
        assertThat(opened.get("actor").asString()).isEqualTo("alice");
        assertThat(opened.get("occurredAt").asString()).isEqualTo(t.toString());
        assertThat(opened.get("correlationId").asString()).isEqualTo("corr-" + opening);
        assertThat(opened.get("causationId").asString()).isEqualTo("cause-" + opening);
        assertThat(opened.get("changes").get("title").asString()).isEqualTo("Printer");
        JsonNode edited = entries.get(1).get("changes");
        assertThat(edited.get("title").get("from").asString()).isEqualTo("Printer");
        assertThat(edited.get("title").get("to").asString()).isEqualTo("Printer on fire");
        assertThat(edited.has("description")).as("unchanged fields are not listed").isFalse();
        JsonNode status = entries.get(2).get("changes");
        assertThat(status.get("status").get("from").asString()).isEqualTo("open");
        assertThat(status.get("status").get("to").asString()).isEqualTo("in_progress");
        assertThat(status.get("reason").asString()).isEqualTo("picked up");
        JsonNode assigned = entries.get(3).get("changes").get("assigneeId");
        assertThat(assigned.get("from").isNull()).isTrue();
        assertThat(assigned.get("to").asString()).isEqualTo(agent.toString());
        assertThat(history.get("nextCursor").isNull()).isTrue();

        JsonNode firstPage = getJson("/api/tickets/" + id + "/history?limit=3");
        assertThat(firstPage.get("items").size()).isEqualTo(3);
        JsonNode secondPage = getJson("/api/tickets/" + id + "/history?limit=3&cursor="
                + firstPage.get("nextCursor").asString());
        assertThat(secondPage.get("items").get(0).get("version").asLong()).isEqualTo(4);
        assertThat(secondPage.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theAuditAcrossTicketsFiltersByActorAndTimeRangeAndIncludesPeopleEvents() throws Exception {
        String actor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.parse("2026-10-01T12:00:00Z");
        UserId person = new UserId(UUID.randomUUID());
        TicketId first = new TicketId(UUID.randomUUID());
        TicketId second = new TicketId(UUID.randomUUID());
        events.send(new UserRegistered(person, "p@example.com", "Pat", Role.AGENT), 1, 1, t, actor);
        events.send(ContractRecords.opened(first, "AUD-000101", "First"), 1, 2, t.plusSeconds(60), actor);
        events.send(ContractRecords.opened(second, "AUD-000102", "Second"), 1, 3, t.plusSeconds(120), "someone-else");
        events.send(new UserDisplayNameChanged(person, "Pat Lee"), 2, 4, t.plusSeconds(180), actor);
        events.send(new TicketEdited(first, "First, edited", "Description of First"), 2, 5, t.plusSeconds(86_400),
                actor);
        awaitVersion(first, 2);
        awaitVersion(second, 1);
        awaitVersion(person, 2);

        JsonNode all = getJson("/api/audit?actor=" + actor);
        assertThat(all.get("items").findValuesAsString("type")).containsExactly("dev.docket.user.registered.v2",
                "dev.docket.ticket.opened.v2", "dev.docket.user.display-name-changed.v2", "dev.docket.ticket.edited.v2");
        assertThat(all.get("items").get(2).get("changes").get("displayName").get("from").asString()).isEqualTo("Pat");
        assertThat(all.get("items").get(2).get("subjectType").asString()).isEqualTo("user");

        JsonNode firstDay = getJson("/api/audit?actor=" + actor + "&from=2026-10-01&to=2026-10-02");
        assertThat(firstDay.get("items").size()).isEqualTo(3);

        JsonNode paged = getJson("/api/audit?actor=" + actor + "&limit=3");
        assertThat(paged.get("items").size()).isEqualTo(3);
        JsonNode rest = getJson("/api/audit?actor=" + actor + "&limit=3&cursor=" + paged.get("nextCursor").asString());
        assertThat(rest.get("items").findValuesAsString("type")).containsExactly("dev.docket.ticket.edited.v2");

        JsonNode byTime = getJson("/api/audit?from=" + t.plusSeconds(100) + "&to=" + t.plusSeconds(130));
        assertThat(byTime.get("items").findValuesAsString("actor")).containsExactly("someone-else");
    }

    @Test
    void calendarAndPolicyChangesAreInTheAuditWithTheWholeDefinitionAndTheReason() throws Exception {
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t = Instant.parse("2026-09-01T09:00:00Z");
        CalendarId calendar = new CalendarId(UUID.randomUUID());
        BusinessCalendar office = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
                List.of(new BusinessCalendar.WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                List.of());
        SlaPolicy urgent = new SlaPolicy("urgent", "Urgent", SlaConditions.ANY, calendar,
                List.of(new SlaTarget(Priority.URGENT, SlaMetric.FIRST_RESPONSE, 60, TimeBasis.BUSINESS, 15)),
                List.of(), false, true);
        events.send(new BusinessCalendarDefined(calendar, "Berlin office", office, "Opening hours"), 1, 1, t, admin);
        events.send(new SlaPoliciesChanged(PolicyBookId.DEFAULT, List.of(urgent), "Contract"), 1, 2,
                t.plusSeconds(60), admin);
        awaitVersion(calendar, 1);
        awaitVersion(PolicyBookId.DEFAULT, 1);

        JsonNode items = getJson("/api/audit?actor=" + admin).get("items");

        assertThat(items.findValuesAsString("subjectType")).containsExactly("calendar", "sla_policies");
        assertThat(items.get(0).at("/changes/calendar/zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(items.get(0).at("/changes/reason").asString()).isEqualTo("Opening hours");
        assertThat(items.get(1).at("/changes/policies/0/targets/0/minutes").asLong()).isEqualTo(60);
        assertThat(items.get(1).at("/changes/policies/0/calendar").asString()).isEqualTo(calendar.toString());
    }

    @Test
    void answersUnknownTicketsAndBadParametersWithProblems() throws Exception {
        HttpResponse<String> unknown = get("/api/tickets/" + UUID.randomUUID() + "/history");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("code").asString()).isEqualTo("TICKET_NOT_FOUND");
        for (String path : new String[] {"/api/tickets/nope/history", "/api/audit?from=yesterday",
                "/api/audit?from=2026-10-02&to=2026-10-01", "/api/audit?limit=0", "/api/audit?cursor=not-base64!",
                "/api/tickets/" + UUID.randomUUID() + "/history?cursor=abc", "/api/audit?actor=" + "a".repeat(256)}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/problem+json");
        }
    }
}
