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
        if (ledger == null) {
            return verifier.verify(aggregateId, CheckpointLedger.Anchors.none("checkpoints are not checked: "
                    + "DOCKET_CHECKPOINT_PUBLIC_KEY is not set"), false);
        }
        CheckpointLedger.Anchors anchors;
        try {
            anchors = ledger.read();
        } catch (KafkaException | IllegalStateException e) {
            log.warn("Cannot read the audit checkpoints; verifying the chains on their own: {}", e.toString());
            return verifier.verify(aggregateId, CheckpointLedger.Anchors.none("the checkpoints could not be read ("
                    + e.getClass().getSimpleName() + "); the chains were checked against their own hashes only"), false);
        }
        return verifier.verify(aggregateId, anchors, anchors.checkpoints() > 0);
    }
}
