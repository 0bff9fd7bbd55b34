package dev.docket.command.privacy;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.events.privacy.SealedText;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal texts are stored only sealed: a person's profile under their key, what someone wrote under the writer's.
 * The audit chain covers the sealed bytes, and aggregates still decide on the clear texts.
 */
class PersonalDataAtRestIT extends CommandServiceTestBase {

    @Test
    void profilesAndWrittenTextsAreStoredSealedUnderTheirOwnersKeys() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String email = "zelda-" + marker + "@example.com";
        String requester = register(email, "Zelda " + marker);
        String[] asRequester = as(requester, "requester");

        HttpResponse<String> opened = postJson("/api/tickets", "{\"title\":\"Kettle " + marker
                + " hums\",\"description\":\"Since Tuesday " + marker + "\",\"requesterId\":\"" + requester + "\"}",
                asRequester);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String ticket = json(opened).get("id").asString();
        HttpResponse<String> comment = postJson("/api/tickets/" + ticket + "/comments",
                "{\"body\":\"Still humming " + marker + "\",\"visibility\":\"public\"}", asRequester);
        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        String agent = register("agent-" + marker + "@example.com", "Agent " + marker);
        HttpResponse<String> note = postJson("/api/tickets/" + ticket + "/comments",
                "{\"body\":\"Agent note " + marker + "\",\"visibility\":\"internal\"}", as(agent, "agent"));
        assertThat(note.statusCode()).as(note.body()).isEqualTo(201);

        List<String> payloads = new ArrayList<>();
        for (String aggregate : List.of(requester, ticket, agent)) {
            storedEventsOf(aggregate).forEach(event -> payloads.add(event[1]));
        }
        assertThat(payloads).hasSize(5).noneMatch(p -> p.contains(marker));
        JsonNode openedEvent = JSON.readTree(storedEventsOf(ticket).getFirst()[1]);
        JsonNode requesterComment = JSON.readTree(storedEventsOf(ticket).get(1)[1]);
        JsonNode agentNote = JSON.readTree(storedEventsOf(ticket).get(2)[1]);
        JsonNode registered = JSON.readTree(storedEventsOf(requester).getFirst()[1]);
        // each text under its owner's key: the requester's profile and what they wrote under one, the agent's note
        // under the agent's
        UUID requesterKey = dataKeyOf(requester);
        assertThat(SealedText.keyIdOf(registered.get("email").asString())).contains(requesterKey);
        assertThat(SealedText.keyIdOf(registered.get("displayName").asString())).contains(requesterKey);
        assertThat(SealedText.keyIdOf(openedEvent.get("title").asString())).contains(requesterKey);
        assertThat(SealedText.keyIdOf(openedEvent.get("description").asString())).contains(requesterKey);
        assertThat(SealedText.keyIdOf(requesterComment.get("body").asString())).contains(requesterKey);
        assertThat(SealedText.keyIdOf(agentNote.get("body").asString())).contains(dataKeyOf(agent));
        // what is not personal stays readable
        assertThat(openedEvent.get("requesterId").asString()).isEqualTo(requester);
        assertThat(agentNote.get("visibility").asString()).isEqualTo("internal");
        // keys are kept wrapped, never as the raw 32 bytes
        assertThat(queryLong("SELECT count(*) FROM person_key WHERE length(wrapped_key) <> 12 + 32 + 16")).isZero();

        HttpResponse<String> verify = send("GET", "/api/audit/verify?ticket=" + ticket, null, as("auditor", "auditor"));
        assertThat(json(verify).get("intact").asBoolean()).as(verify.body()).isTrue();
    }

    @Test
    void theTicketDecidesOnTheClearTextsItLoadsAndKeepsEachTextUnderItsWritersKey() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String requester = register("yara-" + marker + "@example.com", "Yara");
        String[] asRequester = as(requester, "requester");
        HttpResponse<String> opened = postJson("/api/tickets", "{\"title\":\"Door " + marker
                + "\",\"description\":\"Creaks\",\"requesterId\":\"" + requester + "\"}", asRequester);
        String ticket = json(opened).get("id").asString();
        long events = eventsOf(ticket).size();

        String agent = as("agent-" + marker, "agent")[1];
        // the same title and description: nothing changes, so the loaded ticket compared clear texts, not sealed ones
        HttpResponse<String> same = send("PATCH", "/api/tickets/" + ticket + "/details",
                "{\"title\":\"Door " + marker + "\",\"description\":\"Creaks\"}", "If-Match", "\"1\"",
                "Authorization", agent);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(eventsOf(ticket)).hasSize((int) events);

        HttpResponse<String> edited = send("PATCH", "/api/tickets/" + ticket + "/details",
                "{\"title\":\"Gate " + marker + "\"}", "If-Match", "\"1\"", "Authorization", agent);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        // the new title is the agent's writing, under the agent's key; the description the edit carries along is
        // still the requester's, under the requester's key
        JsonNode edit = JSON.readTree(storedEventsOf(ticket).getLast()[1]);
        assertThat(SealedText.keyIdOf(edit.get("title").asString())).contains(dataKeyOf("agent-" + marker));
        assertThat(edit.get("title").asString()).doesNotContain(marker);
        assertThat(SealedText.keyIdOf(edit.get("description").asString())).contains(dataKeyOf(requester));
        assertThat(JSON.readTree(eventsOf(ticket).getLast()[1]).get("description").asString()).isEqualTo("Creaks");
    }

    @Test
    void aTextThatLooksSealedIsSealedLikeAnyOtherAndReadsBackAsWritten() throws Exception {
        String requester = register("mimic-" + UUID.randomUUID() + "@example.com", "Mimic");
        String lookalike = SealedText.PREFIX + UUID.randomUUID() + ":AAAA";
        HttpResponse<String> opened = postJson("/api/tickets", "{\"title\":\"" + lookalike + "\",\"requesterId\":\""
                + requester + "\"}", as(requester, "requester"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String ticket = json(opened).get("id").asString();

        String stored = JSON.readTree(storedEventsOf(ticket).getFirst()[1]).get("title").asString();
        assertThat(SealedText.keyIdOf(stored)).contains(dataKeyOf(requester));
        assertThat(JSON.readTree(eventsOf(ticket).getFirst()[1]).get("title").asString()).isEqualTo(lookalike);
        // the ticket still loads: a comment on it is accepted
        assertThat(postJson("/api/tickets/" + ticket + "/comments", "{\"body\":\"" + lookalike + "\"}",
                as(requester, "requester")).statusCode()).isEqualTo(201);
    }

    private String register(String email, String name) throws Exception {
        HttpResponse<String> response = postJson("/api/users",
                "{\"email\":\"" + email + "\",\"displayName\":\"" + name + "\",\"role\":\"requester\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

}
