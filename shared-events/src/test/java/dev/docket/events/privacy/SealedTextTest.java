package dev.docket.events.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedTextTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key = key();
    private final UUID keyId = UUID.randomUUID();

    @Test
    void aSealedTextOpensWithItsKeyForItsField() {
        String sealed = SealedText.seal(key, keyId, "title", "Printer on fire, ask Zoë Ångström");

        assertThat(sealed).startsWith(SealedText.PREFIX + keyId + ":").doesNotContain("Printer on", "ask Zo");
        assertThat(SealedText.isSealed(sealed)).isTrue();
        assertThat(SealedText.keyIdOf(sealed)).contains(keyId);
        assertThat(SealedText.open(key, "title", sealed)).isEqualTo("Printer on fire, ask Zoë Ångström");
    }

    @Test
    void theSameTextSealsDifferentlyEachTime() {
        assertThat(SealedText.seal(key, keyId, "body", "same")).isNotEqualTo(SealedText.seal(key, keyId, "body", "same"));
    }

    @Test
    void anEmptyTextSealsAndOpens() {
        assertThat(SealedText.open(key, "description", SealedText.seal(key, keyId, "description", ""))).isEmpty();
    }

    @Test
    void aSealedTextDoesNotOpenWithAnotherKeyOrInAnotherField() {
        String sealed = SealedText.seal(key, keyId, "title", "secret");

        assertThatThrownBy(() -> SealedText.open(key(), "title", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedText.open(key, "description", sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlteredSealedTextOrKeyIdDoesNotOpen() {
        String sealed = SealedText.seal(key, keyId, "title", "secret");
        int middle = SealedText.PREFIX.length() + 37 + 20; // inside the ciphertext, whose every bit counts
        String flipped = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
                + sealed.substring(middle + 1);
        String otherKeyId = SealedText.PREFIX + UUID.randomUUID() + sealed.substring(SealedText.PREFIX.length() + 36);

        assertThatThrownBy(() -> SealedText.open(key, "title", flipped)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedText.open(key, "title", otherKeyId))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedText.open(key, "title", SealedText.PREFIX + keyId + ":AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearTextAndMalformedValuesAreNotSealed() {
        assertThat(SealedText.isSealed("Printer on fire")).isFalse();
        assertThat(SealedText.keyIdOf("Printer on fire")).isEmpty();
        assertThat(SealedText.keyIdOf(SealedText.PREFIX + "not-a-uuid-at-all-but-36-characters:x")).isEmpty();
        assertThat(SealedText.keyIdOf(SealedText.PREFIX + keyId)).isEmpty();
    }

    private static SecretKey key() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
