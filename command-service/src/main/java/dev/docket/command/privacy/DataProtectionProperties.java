package dev.docket.command.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;

/**
 * @param keyEncryptionKey the AES-256 key (base64 of 32 bytes) that wraps every person's data key; from the
 *                         environment or a secret store ({@code DOCKET_KEY_ENCRYPTION_KEY}), never the database. A
 *                         KMS can stand in for it by handing the service this key at start-up. Required: without
 *                         it no personal text could be sealed or opened.
 */
@ConfigurationProperties("docket.data-protection")
record DataProtectionProperties(String keyEncryptionKey) {

    DataProtectionProperties {
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            throw new IllegalStateException("docket.data-protection.key-encryption-key (DOCKET_KEY_ENCRYPTION_KEY) "
                    + "is required: the base64 of 32 random bytes that wraps people's data keys (./docket up makes one)");
        }
    }

    SecretKey key() {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(keyEncryptionKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("docket.data-protection.key-encryption-key is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("docket.data-protection.key-encryption-key must be 32 bytes (AES-256), not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
