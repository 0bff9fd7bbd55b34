package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key: a retry gets the first answer and changes nothing; a reused key with another request is 422. */
class IdempotencyIT extends CommandServiceTestBase {

    @Test
    void aRetriedOpenReturnsTheFirstAnswerAndOpensOneTicket() throws Exception {
        String requester = registerUser("requester");
        String body = "{\"title\":\"Once only\",\"requesterId\":\"" + requester + "\"}";
        String key = "open-" + UUID.randomUUID();
        long before = queryLong("SELECT count(*) FROM domain_event_entry");

        HttpResponse<String> first = postJson("/api/tickets", body, "Idempotency-Key", key);
        HttpResponse<String> retry = postJson("/api/tickets", body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry")).isEqualTo(before + 1);
    }

    @Test
    void aRetriedCommentAddsOneComment() throws Exception {
        String ticket = openTicket("Comment once");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"Hi\"}",
                "Idempotency-Key", key);
        HttpResponse<String> retry = send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"Hi\"}",
                "Idempotency-Key", key);

        assertThat(json(retry).get("commentId").asString()).isEqualTo(json(first).get("commentId").asString());
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + ticket + "'"))
                .isEqualTo(2);
    }

    @Test
    void theSameKeyWithADifferentBodyAnswers422AndChangesNothing() throws Exception {
        String ticket = openTicket("Reused key");
        String key = UUID.randomUUID().toString();
        assertThat(send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}",
                "Idempotency-Key", key).statusCode()).isEqualTo(200);

        HttpResponse<String> reused = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"low\"}",
                "Idempotency-Key", key);

        assertThat(reused.statusCode()).isEqualTo(422);
        JsonNode problem = json(reused);
        assertThat(problem.get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + ticket + "'"))
                .isEqualTo(2);
    }

    @Test
    void theSameKeyOnAnotherTicketIsADifferentRequest() throws Exception {
        String one = openTicket("One");
        String two = openTicket("Two");
        String key = UUID.randomUUID().toString();
        assertThat(send("PUT", "/api/tickets/" + one + "/priority", "{\"priority\":\"high\"}", "Idempotency-Key", key)
                .statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/tickets/" + two + "/priority", "{\"priority\":\"high\"}", "Idempotency-Key", key)
                .statusCode()).isEqualTo(422);
    }

    @Test
    void keysAreScopedToTheCaller() throws Exception {
        String ticket = openTicket("Two callers");
        String key = UUID.randomUUID().toString();
        assertThat(send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"a\"}", "Idempotency-Key", key,
                "Authorization", TestIdentity.bearer("ana", "agent")).statusCode()).isEqualTo(201);
        HttpResponse<String> other = send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"a\"}",
                "Idempotency-Key", key, "Authorization", TestIdentity.bearer("bo", "agent"));
        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aCallerWithTheLongestSubjectATokenMayCarryKeepsKeysToo() throws Exception {
        String ticket = openTicket("Long subject");
        String caller = TestIdentity.bearer("svc|" + "x".repeat(251), "agent");
        String key = UUID.randomUUID().toString();
        assertThat(send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"a\"}", "Idempotency-Key", key,
                "Authorization", caller).statusCode()).isEqualTo(201);
        HttpResponse<String> replay = send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"a\"}",
                "Idempotency-Key", key, "Authorization", caller);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void aRefusedRequestStoresNoKeySoACorrectedRetryMayUseIt() throws Exception {
        String ticket = openTicket("Refused first");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> refused = send("PUT", "/api/tickets/" + ticket + "/status", "{\"status\":\"closed\"}",
                "Idempotency-Key", key);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(queryLong("SELECT count(*) FROM idempotency_key WHERE idempotency_key = '" + key + "'")).isZero();

        assertThat(send("PUT", "/api/tickets/" + ticket + "/status", "{\"status\":\"in_progress\"}",
                "Idempotency-Key", key).statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentRetriesWithOneKeyApplyTheChangeOnce() throws Exception {
        String ticket = openTicket("Concurrent retries");
        String key = UUID.randomUUID().toString();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> send("POST", "/api/tickets/" + ticket + "/comments", "{\"body\":\"Once\"}",
                    "Idempotency-Key", key));
        }
        List<String> bodies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                assertThat(f.get().statusCode()).isEqualTo(201);
                bodies.add(f.get().body());
            }
        }
        assertThat(bodies).allMatch(bodies.getFirst()::equals);
        assertThat(queryLong("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + ticket + "'"))
                .isEqualTo(2);
    }

    @Test
    void keysSurviveARestartBecauseTheyLiveInPostgres() throws Exception {
        String ticket = openTicket("Stored key");
        String key = UUID.randomUUID().toString();
        send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}", "Idempotency-Key", key);
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT response_status, fingerprint FROM idempotency_key WHERE idempotency_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(200);
                assertThat(rs.getString(2)).hasSize(64);
            }
        }
    }

    @Test
    void anExpiredKeyIsForgottenAndMayBeUsedAgain() throws Exception {
        String ticket = openTicket("Expired key");
        String key = UUID.randomUUID().toString();
        send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}", "Idempotency-Key", key);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE idempotency_key = '"
                    + key + "'");
        }
        HttpResponse<String> reused = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"low\"}",
                "Idempotency-Key", key);
        assertThat(reused.statusCode()).isEqualTo(200);
        assertThat(json(reused).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void aMalformedKeyAnswers400() throws Exception {
        String ticket = openTicket("Bad key");
        HttpResponse<String> response = send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}",
                "Idempotency-Key", "x".repeat(256));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").findValuesAsString("field")).containsExactly("Idempotency-Key");
    }
}
