package dev.docket.command.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docket.support.transaction.AfterCommit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * People's data keys ({@code person_key}): made on a person's first personal text, kept wrapped by the
 * key-encryption key, destroyed by an erasure. Opened keys are remembered briefly (a minute, by id and by person, so
 * an append seals without reading the table), so another instance stops using a destroyed key within that time;
 * this instance forgets it at once.
 */
public final class PersonKeys {

    /** A person's data key and its id. */
    public record DataKey(UUID id, SecretKey key) {
    }

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey keyEncryptionKey;
    private final JdbcClient jdbc;
    private final Cache<UUID, Optional<SecretKey>> byId;
    /** Keys of people, remembered once the transaction that read or made them committed. */
    private final Cache<String, DataKey> byPerson;

    public PersonKeys(SecretKey keyEncryptionKey, JdbcClient jdbc) {
        this.keyEncryptionKey = keyEncryptionKey;
        this.jdbc = jdbc;
        this.byId = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1))
                .executor(Runnable::run).build();
        this.byPerson = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1))
                .executor(Runnable::run).build();
    }

    /**
     * The person's data key, made now if they have none, on the caller's connection (the append's transaction: a
     * key made for events that roll back is left unused). Two appends making the same person's first key meet at the
     * table's unique person id: the second waits for the first and takes its key. Empty when an erasure destroyed
     * the person's key: nothing is sealed for an erased person again.
     */
    public Optional<DataKey> forPerson(Connection connection, String personId) throws SQLException {
        DataKey known = byPerson.getIfPresent(personId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Optional<DataKey>> existing = find(connection, personId);
        if (existing.isPresent()) {
            existing.get().ifPresent(key -> rememberAfterCommit(personId, key));
            return existing.get();
        }
        UUID keyId = UUID.randomUUID();
        SecretKey key = newKey();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO person_key (key_id, person_id, wrapped_key) VALUES (?, ?, ?)
                ON CONFLICT (person_id) DO NOTHING""")) {
            insert.setObject(1, keyId);
            insert.setString(2, personId);
            insert.setBytes(3, wrap(keyId, personId, key));
            if (insert.executeUpdate() == 1) {
                DataKey made = new DataKey(keyId, key);
                rememberAfterCommit(personId, made);
                return Optional.of(made);
            }
        }
        return find(connection, personId).orElseThrow();
    }

    /** A key is remembered only once committed: a key made by a transaction that rolls back never existed. */
    private void rememberAfterCommit(String personId, DataKey key) {
        AfterCommit.run(() -> byPerson.put(personId, key));
    }

    /**
     * Destroys the person's key, in the caller's transaction (the erasure's): the wrapped key is overwritten with
     * NULL. Answers the key's id; empty when the person never had a key. This instance forgets the key once the
     * transaction commits; others within a minute.
     */
    public Optional<UUID> destroy(String personId) {
        Optional<UUID> keyId = jdbc.sql("""
                        UPDATE person_key SET wrapped_key = NULL, erased_at = coalesce(erased_at, now())
                        WHERE person_id = ? RETURNING key_id""")
                .param(personId).query(UUID.class).optional();
        keyId.ifPresent(id -> AfterCommit.run(() -> {
            forget(id);
            byPerson.invalidate(personId);
        }));
        return keyId;
    }

    /** The data key with this id; empty when it was destroyed (or never existed). */
    public Optional<SecretKey> byId(UUID keyId) {
        return byId.get(keyId, id -> jdbc.sql("SELECT person_id, wrapped_key FROM person_key WHERE key_id = ?")
                .param(id)
                .query((rs, row) -> new Wrapped(rs.getString(1), rs.getBytes(2)))
                .optional()
                .filter(w -> w.key() != null)
                .map(w -> unwrap(id, w.personId(), w.key())));
    }

    private record Wrapped(String personId, byte @Nullable [] key) {
    }

    /** What the store holds for a key id: the key, or that it was destroyed; absent ids are unknown. */
    public sealed interface Held {
    }

    /** A key the store holds. */
    public record Present(UUID id, SecretKey key) implements Held {
    }

    /** A key an erasure destroyed. */
    public record Destroyed(UUID id) implements Held {
    }

    /** What the store holds for each of these key ids; ids it never held are left out. */
    public Map<UUID, Held> lookUp(Collection<UUID> keyIds) {
        Map<UUID, Held> held = new LinkedHashMap<>();
        jdbc.sql("SELECT key_id, person_id, wrapped_key FROM person_key WHERE key_id = ANY (?)")
                .param(keyIds.toArray(UUID[]::new))
                .query((rs, row) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    byte[] wrapped = rs.getBytes(3);
                    return wrapped == null ? new Destroyed(id) : new Present(id, unwrap(id, rs.getString(2), wrapped));
                })
                .list()
                .forEach(h -> held.put(h instanceof Present p ? p.id() : ((Destroyed) h).id(), h));
        return held;
    }

    /** Forgets a destroyed key at once on this instance. */
    void forget(UUID keyId) {
        byId.invalidate(keyId);
    }

    /** Empty when the person has no key row; an empty key when it was destroyed. */
    private Optional<Optional<DataKey>> find(Connection connection, String personId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key_id, wrapped_key FROM person_key WHERE person_id = ?")) {
            select.setString(1, personId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID keyId = rs.getObject(1, UUID.class);
                byte[] wrapped = rs.getBytes(2);
                return Optional.of(wrapped == null ? Optional.empty()
                        : Optional.of(new DataKey(keyId, unwrap(keyId, personId, wrapped))));
            }
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make AES-256 keys", e);
        }
    }

    private byte[] wrap(UUID keyId, String personId, SecretKey key) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, keyId, personId);
            byte[] wrapped = cipher.doFinal(key.getEncoded());
            return ByteBuffer.allocate(NONCE_BYTES + wrapped.length).put(nonce).put(wrapped).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key", e);
        }
    }

    private SecretKey unwrap(UUID keyId, String personId, byte[] wrapped) {
        try {
            byte[] nonce = java.util.Arrays.copyOf(wrapped, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, keyId, personId);
            return new SecretKeySpec(cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key " + keyId + " does not unwrap: is this the key-encryption "
                    + "key it was wrapped with (docket.data-protection.key-encryption-key)?", e);
        }
    }

    /** AES-256-GCM under the key-encryption key, bound to the key's id and owner. */
    private Cipher cipher(int mode, byte[] nonce, UUID keyId, String personId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, keyEncryptionKey, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("docket:person-key:v1:" + keyId + ':' + personId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
