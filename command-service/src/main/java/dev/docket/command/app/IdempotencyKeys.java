package dev.docket.command.app;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Optional;

/**
 * The idempotency keys of {@code idempotency_key}. A key is claimed and completed inside the change's own
 * transaction: if the change rolls back, so does the key, and a concurrent request with the same key waits on the
 * row until the first one commits, then replays its answer.
 */
@Repository
public class IdempotencyKeys {

    /** The first answer given under a key. */
    public record StoredAnswer(int status, String headers, byte[] body) {
    }

    private final JdbcClient jdbc;
    private final Duration retention;

    IdempotencyKeys(JdbcClient jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.retention();
    }

    /**
     * Claims {@code key} for this request, or finds the answer a previous request with it got.
     *
     * @return empty when the key is new (the caller goes on and {@link #complete}s it), else the stored answer
     * @throws DocketException {@code IDEMPOTENCY_KEY_REUSED} when the key was used for a different request
     */
    public Optional<StoredAnswer> claim(String actor, String key, String fingerprint) {
        // One statement: a new key is inserted, an expired one (not purged yet) is taken over as if new, and a live
        // one is left alone (0 rows), waiting first for a concurrent request that holds it uncommitted.
        int claimed = jdbc.sql("""
                        INSERT INTO idempotency_key (actor, idempotency_key, fingerprint) VALUES (?, ?, ?)
                        ON CONFLICT (actor, idempotency_key) DO UPDATE
                            SET fingerprint = EXCLUDED.fingerprint, response_status = NULL, response_headers = NULL,
                                response_body = NULL, created_at = now()
                            WHERE idempotency_key.created_at < now() - ?::interval""")
                .params(actor, key, fingerprint, retention.toSeconds() + " seconds").update();
        if (claimed == 1) {
            return Optional.empty();
        }
        record Row(String fingerprint, StoredAnswer answer) {
        }
        Row row = jdbc.sql("""
                        SELECT fingerprint, response_status, response_headers, response_body
                        FROM idempotency_key WHERE actor = ? AND idempotency_key = ?""")
                .params(actor, key)
                .query((rs, n) -> new Row(rs.getString("fingerprint"), new StoredAnswer(rs.getInt("response_status"),
                        rs.getString("response_headers"), rs.getBytes("response_body"))))
                .single();
        if (!row.fingerprint().equals(fingerprint)) {
            throw new DocketException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        return Optional.of(row.answer());
    }

    public void complete(String actor, String key, StoredAnswer answer) {
        jdbc.sql("""
                        UPDATE idempotency_key SET response_status = ?, response_headers = ?, response_body = ?
                        WHERE actor = ? AND idempotency_key = ?""")
                .params(answer.status(), answer.headers(), answer.body(), actor, key).update();
    }

    /** Removes keys older than the retention; returns how many. */
    int purgeExpired(int batchSize) {
        return jdbc.sql("""
                        DELETE FROM idempotency_key WHERE ctid IN (
                            SELECT ctid FROM idempotency_key WHERE created_at < now() - ?::interval LIMIT ?)""")
                .params(retention.toSeconds() + " seconds", batchSize).update();
    }
}
