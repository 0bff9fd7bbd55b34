package dev.docket.command.privacy;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.events.privacy.SealedText;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure on the command side: the key destroyed, the event recorded, the stores beside the events cleaned, a
 * receipt signed; and what still works afterwards.
 */
class ErasureIT extends CommandServiceTestBase {

    private static final String[] AUDITOR = as("auditor", "auditor");
    private static final String[] CONSUMER = as("query-service", "consumer");

    @Test
    void anErasureDestroysTheKeyCleansTheStoresAndAnswersASignedReceipt() throws Exception {
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String requester = register("requester", marker + "@example.com", "Quinn " + marker);
        String agent = register("agent", "agent-" + UUID.randomUUID() + "@example.com", "Agent Ash");
        String[] asRequester = as(requester, "requester");
        String ticket = json(postJson("/api/tickets", "{\"title\":\"Boiler " + marker + "\",\"description\":\"Cold "
                + marker + "\",\"requesterId\":\"" + requester + "\"}", asRequester)).get("id").asString();
        assertThat(postJson("/api/tickets/" + ticket + "/comments", "{\"body\":\"Still cold " + marker + "\"}",
                asRequester).statusCode()).isEqualTo(201);
        byte[] content = ("bytes of " + marker).getBytes(StandardCharsets.UTF_8);
        assertThat(upload(ticket, marker + ".txt", "text/plain", content, TestIdentity.bearer(requester, "requester"))
                .statusCode()).isEqualTo(201);
        assertThat(postJson("/api/tickets/" + ticket + "/comments", "{\"body\":\"Agent reply\"}", as(agent, "agent"))
                .statusCode()).isEqualTo(201);
        UUID key = dataKeyOf(requester);
        String sealedTitle = JSON.readTree(storedEventsOf(ticket).getFirst()[1]).get("title").asString();
        assertThat(send("GET", "/api/data-keys/" + key, null, CONSUMER).statusCode()).isEqualTo(200);
        long events = eventCount();

        HttpResponse<String> erased = postJson("/api/users/" + requester + "/erasure",
                "{\"legalBasis\":\"GDPR Art. 17(1)(a)\",\"reason\":\"Request DPO-1\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(201);
        JsonNode answer = json(erased);
        JsonNode receipt = answer.get("receipt");
        byte[] signed = Base64.getDecoder().decode(answer.get("signedBytes").asString());
        assertThat(JSON.readTree(signed)).isEqualTo(receipt);
        assertThat(verifies(signed, Base64.getDecoder().decode(answer.get("signature").asString()))).isTrue();
        assertThat(receipt.get("personId").asString()).isEqualTo(requester);
        assertThat(receipt.get("keyId").asString()).isEqualTo(key.toString());
        assertThat(receipt.get("requestedBy").asString()).isEqualTo(TestIdentity.ADMIN);
        assertThat(receipt.get("legalBasis").asString()).isEqualTo("GDPR Art. 17(1)(a)");
        assertThat(receipt.get("counts").get("attachments").asInt()).isEqualTo(1);
        assertThat(receipt.get("counts").get("attachmentContentsDeleted").asInt()).isEqualTo(1);
        String[] erasure = storedEventsOf(requester).getLast();
        assertThat(erasure[0]).isEqualTo("UserErased");
        assertThat(receipt.get("chain").get("hash").asString())
                .isEqualTo(JSON.readTree(erasure[2]).get("chainHash").asString());
        assertThat(receipt.toString()).doesNotContain(marker);
        // one event more, and every earlier one as it was: the chain verifies
        assertThat(eventCount()).isEqualTo(events + 1);
        assertThat(JSON.readTree(storedEventsOf(ticket).getFirst()[1]).get("title").asString()).isEqualTo(sealedTitle);
        assertThat(json(send("GET", "/api/audit/verify", null, AUDITOR)).get("intact").asBoolean()).isTrue();

        // the key is gone: what it sealed reads as erased; the agent's words stay
        assertThat(queryLong("SELECT count(*) FROM person_key WHERE key_id = '" + key + "' AND wrapped_key IS NULL"))
                .isEqualTo(1);
        HttpResponse<String> gone = send("GET", "/api/data-keys/" + key, null, CONSUMER);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json(gone).get("code").asString()).isEqualTo("DATA_KEY_ERASED");
        List<String[]> history = eventsOf(ticket);
        assertThat(JSON.readTree(history.getFirst()[1]).get("title").asString()).isEqualTo(SealedText.ERASED);
        assertThat(JSON.readTree(history.get(1)[1]).get("body").asString()).isEqualTo(SealedText.ERASED);
        assertThat(JSON.readTree(history.get(2)[1]).get("fileName").asString()).isEqualTo(SealedText.ERASED);
        assertThat(JSON.readTree(history.get(3)[1]).get("body").asString()).isEqualTo("Agent reply");
        assertThat(JSON.readTree(eventsOf(requester).getFirst()[1]).get("email").asString())
                .isEqualTo(SealedText.ERASED);
        // beside the events: directory, files, stored answers
        assertThat(queryLong("SELECT count(*) FROM user_directory WHERE email LIKE '%" + marker + "%' "
                + "OR display_name LIKE '%" + marker + "%'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM attachment WHERE file_name LIKE '%" + marker + "%'")).isZero();
        assertThat(queryLong("SELECT count(*) FROM attachment_content WHERE position(convert_to('" + marker
                + "', 'UTF8') in content) > 0")).isZero();
        assertThat(queryLong("SELECT count(*) FROM idempotency_key WHERE actor = '" + requester + "'")).isZero();

        // the ticket still works for agents: a note, and an edit that carries the erased description along
        assertThat(postJson("/api/tickets/" + ticket + "/comments", "{\"body\":\"Closing up\"}", as(agent, "agent"))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> edit = send("PATCH", "/api/tickets/" + ticket + "/details", "{\"title\":\"Boiler\"}",
                "Authorization", TestIdentity.bearer(agent, "agent"));
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        assertThat(JSON.readTree(eventsOf(ticket).getLast()[1]).get("description").asString())
                .isEqualTo(SealedText.ERASED);
        // the erased person cannot act again, and their profile takes no change
        HttpResponse<String> signIn = postJson("/api/tickets", "{\"title\":\"Back\",\"requesterId\":\"" + requester
                + "\"}", asRequester);
        assertThat(signIn.statusCode()).isEqualTo(401);
        HttpResponse<String> rename = send("PUT", "/api/users/" + requester + "/display-name",
                "{\"displayName\":\"Back\"}");
        assertThat(rename.statusCode()).isEqualTo(409);
        assertThat(json(rename).get("code").asString()).isEqualTo("USER_ERASED");
        // their email is free again, for a new person
        assertThat(postJson("/api/users", "{\"email\":\"" + marker + "@example.com\",\"displayName\":\"New\","
                + "\"role\":\"requester\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void erasingTwiceAnswersTheFirstReceiptAndRecordsNothingMore() throws Exception {
        String person = register("requester", "twice-" + UUID.randomUUID() + "@example.com", "Twice");
        HttpResponse<String> first = postJson("/api/users/" + person + "/erasure", "{\"legalBasis\":\"Art. 17\"}");
        long events = eventCount();

        HttpResponse<String> second = postJson("/api/users/" + person + "/erasure", "{\"legalBasis\":\"Other\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("signedBytes")).isEqualTo(json(first).get("signedBytes"));
        assertThat(eventCount()).isEqualTo(events);
        HttpResponse<String> later = send("GET", "/api/users/" + person + "/erasure", null, AUDITOR);
        assertThat(json(later).get("signature")).isEqualTo(json(first).get("signature"));
    }

    @Test
    void aPersonWithNoTicketsAndAnAgentAreErasedAlike() throws Exception {
        String person = register("requester", "quiet-" + UUID.randomUUID() + "@example.com", "Quiet");
        String agent = register("agent", "gone-" + UUID.randomUUID() + "@example.com", "Gone Agent");
        String ticket = openTicket("Handled by an agent who leaves");
        assertThat(send("PUT", "/api/tickets/" + ticket + "/assignee", "{\"assigneeId\":\"" + agent + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(postJson("/api/tickets/" + ticket + "/comments", "{\"body\":\"My note\",\"visibility\":\"internal\"}",
                as(agent, "agent")).statusCode()).isEqualTo(201);

        HttpResponse<String> quiet = postJson("/api/users/" + person + "/erasure", "{\"legalBasis\":\"Art. 17\"}");
        HttpResponse<String> leaver = postJson("/api/users/" + agent + "/erasure", "{\"legalBasis\":\"Art. 17\"}");

        assertThat(quiet.statusCode()).isEqualTo(201);
        assertThat(json(quiet).get("receipt").get("counts").get("attachments").asInt()).isZero();
        assertThat(leaver.statusCode()).isEqualTo(201);
        List<String[]> history = eventsOf(ticket);
        assertThat(history).extracting(e -> e[0]).containsExactly("TicketOpened", "TicketAssigned",
                "TicketCommentAdded");
        assertThat(JSON.readTree(history.get(1)[1]).get("assigneeId").asString()).isEqualTo(agent);
        assertThat(JSON.readTree(history.get(2)[1]).get("body").asString()).isEqualTo(SealedText.ERASED);
    }

    @Test
    void badRequestsAreAnsweredAndEraseNothing() throws Exception {
        String person = register("requester", "kept-" + UUID.randomUUID() + "@example.com", "Kept");

        HttpResponse<String> unknown = postJson("/api/users/" + UUID.randomUUID() + "/erasure",
                "{\"legalBasis\":\"Art. 17\"}");
        HttpResponse<String> noBasis = postJson("/api/users/" + person + "/erasure", "{\"reason\":\"x\"}");
        HttpResponse<String> longBasis = postJson("/api/users/" + person + "/erasure",
                "{\"legalBasis\":\"" + "x".repeat(1_001) + "\"}");
        HttpResponse<String> notAnId = postJson("/api/users/nobody/erasure", "{\"legalBasis\":\"Art. 17\"}");
        HttpResponse<String> asAgent = postJson("/api/users/" + person + "/erasure", "{\"legalBasis\":\"Art. 17\"}",
                as("agent-1", "agent"));
        HttpResponse<String> noReceipt = send("GET", "/api/users/" + person + "/erasure", null, AUDITOR);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(noBasis.statusCode()).isEqualTo(400);
        assertThat(json(noBasis).get("errors").findValuesAsString("field")).contains("legalBasis");
        assertThat(longBasis.statusCode()).isEqualTo(400);
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(asAgent.statusCode()).isEqualTo(403);
        assertThat(noReceipt.statusCode()).isEqualTo(404);
        assertThat(queryLong("SELECT count(*) FROM person_key WHERE wrapped_key IS NULL AND person_id = '" + person
                + "'")).isZero();
    }

    @Test
    void consumersGetKeysThatOpenTheStoredTextsAndNothingElse() throws Exception {
        String person = register("requester", "keys-" + UUID.randomUUID() + "@example.com", "Kim");
        UUID key = dataKeyOf(person);
        String sealedName = JSON.readTree(storedEventsOf(person).getFirst()[1]).get("displayName").asString();

        HttpResponse<String> one = send("GET", "/api/data-keys/" + key, null, CONSUMER);
        UUID unknown = UUID.randomUUID();
        HttpResponse<String> several = send("GET", "/api/data-keys?id=" + key + "&id=" + unknown, null, CONSUMER);

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        javax.crypto.SecretKey secret = new javax.crypto.spec.SecretKeySpec(
                Base64.getDecoder().decode(json(one).get("key").asString()), "AES");
        assertThat(SealedText.open(secret, "displayName", sealedName)).isEqualTo("Kim");
        assertThat(json(several).get("keys")).hasSize(1);
        assertThat(json(several).get("unknown").get(0).asString()).isEqualTo(unknown.toString());
        assertThat(send("GET", "/api/data-keys/" + unknown, null, CONSUMER).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/data-keys/not-a-key", null, CONSUMER).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/data-keys", null, CONSUMER).statusCode()).isEqualTo(400);
        StringBuilder tooMany = new StringBuilder("/api/data-keys?id=" + key);
        for (int i = 0; i < 200; i++) {
            tooMany.append("&id=").append(UUID.randomUUID());
        }
        assertThat(send("GET", tooMany.toString(), null, CONSUMER).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/data-keys/" + key, null, as("admin-1", "admin")).statusCode()).isEqualTo(403);
    }

    private String register(String role, String email, String name) throws Exception {
        HttpResponse<String> response = postJson("/api/users",
                "{\"email\":\"" + email + "\",\"displayName\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

    private static boolean verifies(byte[] content, byte[] signature) throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(TestIdentity.keys().checkpointPublicKeyBase64())));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(content);
        return verifier.verify(signature);
    }
}
