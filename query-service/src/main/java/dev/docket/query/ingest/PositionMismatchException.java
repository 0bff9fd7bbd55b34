package dev.docket.query.ingest;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * A batch does not continue what the read models hold: in one of its partitions, the offset stored with the read
 * models lies before the batch's first record and the consumer did not read on from it without a break, so records
 * in between would never be applied. It happens when
 * the database lost its last commits (the projector does not wait for the disk), or when the seek on assignment
 * failed and the consumer fell back to Kafka's committed offsets. Nothing of the batch is applied; the consumer reads
 * again from {@link #resumeAt()}.
 */
final class PositionMismatchException extends RuntimeException {

    private final transient Map<TopicPartition, Long> resumeAt;

    PositionMismatchException(Map<TopicPartition, Long> resumeAt) {
        super("the read models do not hold what precedes the batch; reading again from " + resumeAt);
        this.resumeAt = Map.copyOf(resumeAt);
    }

    /** For every checked partition of the batch, where to read from: what the read models hold, and no further. */
    Map<TopicPartition, Long> resumeAt() {
        return resumeAt;
    }
}
