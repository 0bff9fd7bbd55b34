package dev.docket.query.privacy;

import com.sun.net.httpserver.HttpServer;
import dev.docket.events.UserErased;
import dev.docket.events.UserId;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.security.ErasedPeople;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.SecretKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock between opening sealed texts and erasing their key, on the real database with two transactions: a batch
 * that opened a person's text with a key it holds commits it while the erasure waits, and the erasure then replaces
 * it; a batch after the erasure opens nothing, though its instance still holds the key in memory. Without the lock,
 * the erasure would run first, find nothing, and the batch would commit the text after it.
 */
class ErasureLockIT extends QueryServiceTestBase {

    private final byte[] keyBytes = new byte[32];
    private final UUID keyId = UUID.randomUUID();
    private HttpServer keyService;
    private DataKeys dataKeys;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ReadModelGenerations generations;
    @Autowired
    JsonMapper json;
    @Autowired
    ErasedPeople erasedPeople;

    @BeforeEach
    void keyService() throws Exception {
        new java.security.SecureRandom().nextBytes(keyBytes);
        keyService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyService.createContext("/api/data-keys", exchange -> {
            byte[] body = ("{\"keys\":[{\"keyId\":\"" + keyId + "\",\"algorithm\":\"AES-256-GCM\",\"key\":\""
                    + Base64.getEncoder().encodeToString(keyBytes) + "\"}],\"erased\":[],\"unknown\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyService.start();
        dataKeys = new DataKeys(RestClient.create("http://127.0.0.1:" + keyService.getAddress().getPort()), "token");
    }

    @AfterEach
    void stopKeyService() {
        keyService.stop(0);
    }

    @Test
    void anErasureWaitsForABatchHoldingTheKeyAndThenReplacesWhatItWrote() throws Exception {
        ReadModelSql sql = generations.active();
        SealedFieldOpener opener = new SealedFieldOpener(jdbc, dataKeys);
        UUID comment = UUID.randomUUID();
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        // two threads of their own: the common pool may have one, which the waiting batch would hold
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            Map<UUID, Optional<SecretKey>> keys = opener.keys(Set.of(keyId));
            assertThat(keys.get(keyId)).isPresent();
            sql.sql("""
                    INSERT INTO {rm}.ticket_comment (comment_id, ticket_id, ticket_version, author, visibility, body,
                                                     created_at)
                    VALUES (?, ?, 2, 'someone', 'public', 'the person''s own words', now())""")
                    .params(comment, UUID.randomUUID()).update();
            sql.sql("INSERT INTO {rm}.sealed_text (kind, ref, field, key_id) VALUES ('comment', ?, 'body', ?)")
                    .params(comment.toString(), keyId).update();
            opened.countDown();
            awaitLatch(commit);
        }), threads);
        assertThat(opened.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> erasure = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            PersonalTextProjection projection = new PersonalTextProjection(sql, json, dataKeys, erasedPeople);
            UserErased erased = new UserErased(new UserId(UUID.randomUUID()), keyId, "Art. 17", "");
            projection.load(java.util.List.of());
            projection.apply(new EventEnvelope(UUID.randomUUID().toString(), erased.userId().value(), 2, 99,
                    Instant.now(), "admin", null, null, erased, Map.of()), null);
            projection.flush();
        }), threads);
        // the erasure waits on the key's lock while the batch holds it
        awaitDoneOrWaitingOnALock(erasure);
        assertThat(erasure).isNotDone();
        commit.countDown();
        batch.get(30, TimeUnit.SECONDS);
        erasure.get(30, TimeUnit.SECONDS);
        threads.shutdown();

        assertThat(sql.sql("SELECT body FROM {rm}.ticket_comment WHERE comment_id = ?").param(comment)
                .query(String.class).single()).isEqualTo("[erased]");
        // another instance still holding the key in memory opens nothing with it any more
        DataKeys otherInstance = new DataKeys(RestClient.create("http://127.0.0.1:" + keyService.getAddress().getPort()),
                "token");
        assertThat(otherInstance.resolve(Set.of(keyId)).get(keyId)).isPresent();
        Map<UUID, Optional<SecretKey>> after = transactions.execute(status ->
                new SealedFieldOpener(jdbc, otherInstance).keys(Set.of(keyId)));
        assertThat(after.get(keyId)).isEmpty();
    }

}
