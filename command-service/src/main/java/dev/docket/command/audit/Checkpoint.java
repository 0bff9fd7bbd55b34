package dev.docket.command.audit;

import java.time.Instant;
import java.util.List;

/**
 * A signed statement of how far every aggregate's chain reached: the heads (last sequence number and its link hash)
 * of the aggregates with events in a span of the relay's reading order. Published as JSON on the checkpoint topic,
 * with an Ed25519 signature over exactly those bytes in the {@value #SIGNATURE_HEADER} header.
 *
 * @param format         1
 * @param sequence       1, 2, 3... A re-publication after a crash repeats a sequence number with the same heads
 * @param previousDigest SHA-256 of the previous checkpoint's bytes, so the checkpoints form a chain of their own
 * @param from           exclusive start of the span, in (transaction id, global index) order
 * @param to             inclusive end of the span
 * @param events         how many events the span holds
 */
record Checkpoint(int format, long sequence, String previousDigest, Instant createdAt, Position from, Position to,
                  int events, List<Head> heads) {

    static final String SIGNATURE_HEADER = "docket-signature";

    record Position(long txId, long globalIndex) {
    }

    record Head(String aggregateId, long sequenceNumber, String hash) {
    }
}
