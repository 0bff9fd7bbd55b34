package dev.docket.command.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.Optional;
import java.util.UUID;

/**
 * People's data keys ({@code person_key}): made on a person's first personal text, kept wrapped by the
 * key-encryption key, destroyed by an erasure. Opened keys are remembered briefly (a minute), so another instance
 * stops using a destroyed key within that time; this instance forgets it at once.
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

    public PersonKeys(SecretKey keyEncryptionKey, JdbcClient jdbc) {
        this.keyEncryptionKey = keyEncryptionKey;
        this.jdbc = jdbc;
        this.byId = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1))
                .executor(Runnable::run).build();
    }

    /**
     * The person's data key, made now if they have none, on the caller's connection (the append's transaction: a
     * key made for events that roll back is left unused). Two appends making the same person's first key meet at the
     * table's unique person id: the second waits for the first and takes its key.
     *
     * @throws IllegalStateException when the person's key was destroyed by an erasure: nothing new is sealed for an
     *                               erased person
     */
    public DataKey forPerson(Connection connection, String personId) throws SQLException {
        Optional<DataKey> existing = find(connection, personId);
        if (existing.isPresent()) {
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
                return new DataKey(keyId, key);
            }
        }
        return find(connection, personId).orElseThrow();
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

    /** Forgets a destroyed key at once on this instance. */
    void forget(UUID keyId) {
        byId.invalidate(keyId);
    }

    private Optional<DataKey> find(Connection connection, String personId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key_id, wrapped_key FROM person_key WHERE person_id = ?")) {
            select.setString(1, personId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID keyId = rs.getObject(1, UUID.class);
                byte[] wrapped = rs.getBytes(2);
                if (wrapped == null) {
                    throw new IllegalStateException("the data key of " + personId + " was destroyed by an erasure: "
                            + "nothing new is sealed for them");
                }
                return Optional.of(new DataKey(keyId, unwrap(keyId, personId, wrapped)));
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
