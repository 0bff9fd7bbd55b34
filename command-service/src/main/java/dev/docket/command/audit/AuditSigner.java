package dev.docket.command.audit;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Signs documents Docket hands out as evidence (an erasure's receipt) with the audit checkpoints' Ed25519 key, so an
 * auditor checks them with the same public key, offline. Present on instances given the signing key.
 */
public final class AuditSigner {

    private final PrivateKey signingKey;
    private final PublicKey publicKey;

    AuditSigner(PrivateKey signingKey, PublicKey publicKey) {
        this.signingKey = signingKey;
        this.publicKey = publicKey;
    }

    static Optional<AuditSigner> of(CheckpointProperties properties) {
        return properties.signs() && properties.verifies()
                ? Optional.of(new AuditSigner(CheckpointKeys.privateKey(properties.signingKey()),
                        CheckpointKeys.publicKey(properties.publicKey())))
                : Optional.empty();
    }

    /** The Ed25519 signature of exactly these bytes. */
    public byte[] sign(byte[] content) {
        return CheckpointKeys.sign(signingKey, content);
    }

    /** Whether the signature over these bytes is this key's. */
    public boolean verify(byte[] content, byte[] signature) {
        return CheckpointKeys.verify(publicKey, content, signature);
    }
}
