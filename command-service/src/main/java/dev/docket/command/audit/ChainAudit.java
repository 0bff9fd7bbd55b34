package dev.docket.command.audit;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification as the auditor asks for it: the chains of one aggregate or of the whole store, against the signed
 * checkpoints when they can be read.
 */
public final class ChainAudit {

    private static final Logger log = LoggerFactory.getLogger(ChainAudit.class);

    private final ChainVerifier verifier;
    private final CheckpointLedger ledger;

    ChainAudit(ChainVerifier verifier, CheckpointLedger ledger) {
        this.verifier = verifier;
        this.ledger = ledger;
    }

    /** @param aggregateId one ticket's (or person's) id, or null for the whole store */
    public ChainVerifier.Report verify(String aggregateId) {
        CheckpointLedger.Anchors anchors = anchors();
        return verifier.verify(aggregateId, anchors, anchors.checkpoints() > 0);
    }

    /**
     * What the signed checkpoints vouch for, with their bytes; none (and why, in its problems) when this instance has
     * no public key or the checkpoints cannot be read: the chains are then checked against their own hashes only.
     */
    CheckpointLedger.Anchors anchors() {
        if (ledger == null) {
            return CheckpointLedger.Anchors.none("checkpoints are not checked: DOCKET_CHECKPOINT_PUBLIC_KEY is not set");
        }
        try {
            return ledger.read();
        } catch (KafkaException | IllegalStateException e) {
            log.warn("Cannot read the audit checkpoints; verifying the chains on their own: {}", e.toString());
            return CheckpointLedger.Anchors.none("the checkpoints could not be read (" + e.getClass().getSimpleName()
                    + "); the chains were checked against their own hashes only");
        }
    }
}
