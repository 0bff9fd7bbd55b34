package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.events.PolicyBookId;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Business calendars and service-level policies over HTTP: versions, actors, reasons and every bad input. */
class SlaApiIT extends CommandServiceTestBase {

    private static final String OFFICE = """
            {"name":"Berlin office","zone":"Europe/Berlin",
             "week":[{"day":"MONDAY","from":"09:00","to":"17:00"},{"day":"FRIDAY","from":"22:00","to":"06:00"}],
             "holidays":[{"from":"2026-12-24"},{"from":"2026-12-31","to":"2027-01-01"}],
             "reason":"Opening hours"}""";

    @Test
    void aCalendarIsCreatedAndChangedAsWholeVersionsWithTheCallerAndTheReason() throws Exception {
        HttpResponse<String> created = postJson("/api/sla/calendars", OFFICE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        String id = json(created).get("id").asString();

        HttpResponse<String> changed = send("PUT", "/api/sla/calendars/" + id, OFFICE.replace("17:00", "18:00")
                .replace("Opening hours", "Longer Mondays"), "If-Match", "\"1\"");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("version").asLong()).isEqualTo(2);

        List<String[]> events = eventsOf(id);
        assertThat(events).extracting(e -> e[0]).containsExactly("BusinessCalendarDefined", "BusinessCalendarDefined");
        JsonNode second = JSON.readTree(events.get(1)[1]);
        assertThat(second.get("reason").asString()).isEqualTo("Longer Mondays");
        assertThat(second.at("/calendar/zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(second.at("/calendar/week/0/to").asString()).isEqualTo("18:00:00");
        assertThat(second.at("/calendar/holidays/0/to").asString()).isEqualTo("2026-12-24");
        assertThat(JSON.readTree(events.get(1)[2]).get("actor").asString()).isEqualTo(TestIdentity.ADMIN);

        HttpResponse<String> stale = send("PUT", "/api/sla/calendars/" + id, OFFICE, "If-Match", "\"1\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).get("code").asString()).isEqualTo("VERSION_MISMATCH");
        assertThat(json(stale).get("currentVersion").asLong()).isEqualTo(2);
    }

    @Test
    void badCalendarsAnswer400NamingTheField() throws Exception {
        Map<String, String> bodies = Map.of(
                "zone", OFFICE.replace("Europe/Berlin", "Mars/Olympus_Mons"),
                "week[0].from", OFFICE.replace("\"09:00\"", "\"9am\""),
                "week[0].day", OFFICE.replace("MONDAY", "Funday"),
                "holidays[1].to", OFFICE.replace("2027-01-01", "2026-12-01"),
                "week", OFFICE.replaceFirst("\"week\":\\[.*?],\\s*\"holidays\"", "\"week\":[],\"holidays\""),
                "name", OFFICE.replace("Berlin office", " "));
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = postJson("/api/sla/calendars", body.getValue());
            assertThat(response.statusCode()).as(body.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(response).get("code").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(json(response).get("errors").findValuesAsString("field")).as(body.getKey())
                    .contains(body.getKey());
        }
    }

    @Test
    void aChangeToAMissingCalendarAnswers404() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/sla/calendars/" + UUID.randomUUID(), OFFICE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(json(response).get("code").asString()).isEqualTo("CALENDAR_NOT_FOUND");
    }

    @Test
    void policiesAreSetAsOneOrderedListNamingExistingCalendars() throws Exception {
        String calendar = json(postJson("/api/sla/calendars", OFFICE)).get("id").asString();
        long before = bookVersion();

        HttpResponse<String> set = send("PUT", "/api/sla/policies", policies(calendar, "urgent", 60, 15),
                "If-Match", "\"" + before + "\"");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("version").asLong()).isEqualTo(before + 1);
        assertThat(json(set).get("id").asString()).isEqualTo(PolicyBookId.DEFAULT.toString());
        String[] event = eventsOf(PolicyBookId.DEFAULT.toString()).getLast();
        JsonNode payload = JSON.readTree(event[1]);
        assertThat(event[0]).isEqualTo("SlaPoliciesChanged");
        assertThat(payload.get("reason").asString()).isEqualTo("Contract renewal");
        assertThat(payload.at("/policies/0/conditions/tags/0").asString()).isEqualTo("key-account");
        assertThat(payload.at("/policies/0/targets/0/minutes").asLong()).isEqualTo(60);
        assertThat(payload.at("/policies/0/calendar").asString()).isEqualTo(calendar);

        HttpResponse<String> stale = send("PUT", "/api/sla/policies", policies(calendar, "urgent", 30, 0),
                "If-Match", "\"" + before + "\"");
        assertThat(stale.statusCode()).isEqualTo(412);
    }

    @Test
    void aPolicyNamingAnUnknownCalendarAnswers422AndChangesNothing() throws Exception {
        long before = bookVersion();
        HttpResponse<String> response = send("PUT", "/api/sla/policies",
                policies(UUID.randomUUID().toString(), "urgent", 60, 15));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).get("code").asString()).isEqualTo("UNKNOWN_CALENDAR");
        assertThat(json(response).get("errors").findValuesAsString("field")).containsExactly("policies[0].calendar");
        assertThat(bookVersion()).isEqualTo(before);
    }

    @Test
    void badPoliciesAnswer400NamingTheField() throws Exception {
        String calendar = json(postJson("/api/sla/calendars", OFFICE)).get("id").asString();
        String valid = policies(calendar, "urgent", 60, 15);
        Map<String, String> bodies = Map.of(
                "policies[0].targets[0].metric", valid.replace("first_response", "first_reply"),
                "policies[0].targets[0].priority", valid.replace("\"priority\":\"urgent\"", "\"priority\":\"critical\""),
                "policies[0].targets[0].minutes", valid.replace("\"minutes\":60,", ""),
                "policies[0].targets[0].warnMinutesBefore", policies(calendar, "urgent", 60, 60),
                "policies[0].calendar", valid.replace(calendar, "office"),
                "policies[0].id", valid.replace("\"key-accounts\"", "\"Key Accounts\""),
                "policies", "{\"reason\":\"none\"}");
        long before = bookVersion();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = send("PUT", "/api/sla/policies", body.getValue());
            assertThat(response.statusCode()).as(body.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).get("errors").findValuesAsString("field")).as(body.getKey())
                    .contains(body.getKey());
        }
        assertThat(bookVersion()).isEqualTo(before);
    }

    @Test
    void proposedPoliciesAreCheckedByTheSameRulesAndAnsweredAsTheyWouldBeStoredWithoutAChange() throws Exception {
        String calendar = json(postJson("/api/sla/calendars", OFFICE)).get("id").asString();
        String valid = policies(calendar, "urgent", 60, 15);
        long before = bookVersion();

        HttpResponse<String> checked = send("POST", "/api/sla/policies/check", valid);
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        // normalised as a change would store it: "Key Account" becomes the tag key-account
        assertThat(json(checked).at("/policies/0/conditions/tags/0").asString()).isEqualTo("key-account");
        assertThat(json(checked).at("/policies/0/calendar").asString()).isEqualTo(calendar);

        HttpResponse<String> bad = send("POST", "/api/sla/policies/check", policies(calendar, "urgent", 60, 60));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json(bad).get("errors").findValuesAsString("field"))
                .contains("policies[0].targets[0].warnMinutesBefore");
        HttpResponse<String> unknown = send("POST", "/api/sla/policies/check",
                policies(UUID.randomUUID().toString(), "urgent", 60, 15));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
        assertThat(json(unknown).get("code").asString()).isEqualTo("UNKNOWN_CALENDAR");
        assertThat(bookVersion()).isEqualTo(before);
    }

    @Test
    void onlyAdminsChangeServiceLevels() throws Exception {
        HttpResponse<String> agent = postJson("/api/sla/calendars", OFFICE, as("agent-1", "agent"));
        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(json(agent).get("code").asString()).isEqualTo("FORBIDDEN");
    }

    private long bookVersion() throws Exception {
        return eventsOf(PolicyBookId.DEFAULT.toString()).size();
    }

    private static String policies(String calendar, String priority, int minutes, int warn) {
        return """
                {"reason":"Contract renewal","policies":[
                  {"id":"key-accounts","name":"Key accounts",
                   "conditions":{"tags":["Key Account"]},
                   "calendar":"%s",
                   "targets":[{"priority":"%s","metric":"first_response","minutes":%d,"basis":"business",
                               "warnMinutesBefore":%d},
                              {"priority":"%s","metric":"resolution","minutes":480,"basis":"calendar"}],
                   "pauses":[{"status":"waiting_on_customer","metrics":["resolution"]}]}]}"""
                .formatted(calendar, priority, minutes, warn, priority);
    }
}
