package dev.docket.command.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Signed checkpoints of the audit chain ({@code docket.checkpoints}).
 *
 * @param signingKey the Ed25519 private key (base64 PKCS#8) that signs checkpoints; from the environment only,
 *                   never stored in the database. Without it this instance publishes none.
 * @param publicKey  the matching public key (base64 X.509), with which verification checks signatures
 * @param topic      where checkpoints are published: one partition, kept forever
 * @param interval   how often the heads reached since the last checkpoint are published
 * @param maxEvents  the most events one checkpoint covers; a backlog becomes several checkpoints
 */
@ConfigurationProperties("docket.checkpoints")
public record CheckpointProperties(@Nullable String signingKey,
                                   @Nullable String publicKey,
                                   @DefaultValue("docket.audit-checkpoints") String topic,
                                   @DefaultValue("60s") Duration interval,
                                   @DefaultValue("2000") int maxEvents) {

    boolean signs() {
        return signingKey != null && !signingKey.isBlank();
    }

    boolean verifies() {
        return publicKey != null && !publicKey.isBlank();
    }
}
