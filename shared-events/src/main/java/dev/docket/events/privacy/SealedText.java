package dev.docket.events.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A personal text as it is stored and published: {@code docket:sealed:v1:<key id>:<base64url>}, where the key id
 * names the person's data key and the base64url (no padding) part is a 12-byte random nonce followed by the
 * AES-256-GCM ciphertext and its 16-byte tag. The associated data is the prefix up to the key id plus {@code :} and
 * the JSON field's name, so a sealed value moved to another field or under another key id does not open.
 *
 * <p>A value without the prefix is clear text: events stored before sealing existed, and fields that are not
 * personal. Whoever holds the key opens the value; once the key is destroyed nobody can.
 */
public final class SealedText {

    public static final String PREFIX = "docket:sealed:v1:";
    /** What a personal text reads as once its key is destroyed: the same for every field and every reader. */
    public static final String ERASED = "[erased]";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_ID_CHARS = 36;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedText() {
    }

    /** Whether {@code value} is in sealed form (it may still fail to open). */
    public static boolean isSealed(String value) {
        return value.startsWith(PREFIX);
    }

    /** The key id a sealed value names; empty for clear text or a malformed value. */
    public static Optional<UUID> keyIdOf(String value) {
        if (!isSealed(value) || value.length() < PREFIX.length() + KEY_ID_CHARS + 1
                || value.charAt(PREFIX.length() + KEY_ID_CHARS) != ':') {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.substring(PREFIX.length(), PREFIX.length() + KEY_ID_CHARS)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Seals {@code clear} for the JSON field {@code field} under the data key {@code keyId}. */
    public static String seal(SecretKey key, UUID keyId, String field, String clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, field));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keyId + ':' + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot seal with AES-256-GCM", e);
        }
    }

    /**
     * Opens a sealed value of the JSON field {@code field} with its key.
     *
     * @throws IllegalArgumentException when the value is not sealed under this key id for this field, or was altered
     */
    public static String open(SecretKey key, String field, String sealed) {
        UUID keyId = keyIdOf(sealed).orElseThrow(() -> new IllegalArgumentException("not a sealed value"));
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length() + KEY_ID_CHARS + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("a sealed value too short to open");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, field));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException altered) {
            throw new IllegalArgumentException("a sealed value that does not open under key " + keyId, altered);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot open AES-256-GCM", e);
        }
    }

    private static byte[] associatedData(UUID keyId, String field) {
        return (PREFIX + keyId + ':' + field).getBytes(StandardCharsets.UTF_8);
    }
}
