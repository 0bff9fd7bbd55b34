package dev.docket.query.ingest;

import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Feeds one generation's read models from a Spring Kafka listener container: each poll's records are applied in one
 * transaction with their offsets. What Docket decides stays here; the runtime around it (the poll loop, retries,
 * pausing while a batch is retried) is the container's.
 * <ul>
 *     <li>Where to resume: on every assignment, from the offsets stored with the read models (Kafka's committed
 *     offsets are committed too, for lag tooling, but never read), and each batch is checked against them: one that
 *     does not continue what the read models hold (they lost their last commits in a database crash, or the seek
 *     on assignment failed) is not applied, and the consumer reads again from where they stand.</li>
 *     <li>A failed batch is retried whole by the container's error handler, {@code maxAttempts} times; then each of
 *     its records is applied alone and the one that fails for its own sake is parked, with its subject's later
 *     events behind it, so one bad event holds back only its subject. A failure that says nothing about the event
 *     (the database away) is thrown on from there, and the batch is read again: it is never parked.</li>
 *     <li>Offsets no record of this consumer takes (a transaction's commit marker) are stepped over when the
 *     container is idle, so resuming and the lag are exact on a topic written by a transactional producer.</li>
 * </ul>
 */
final class GenerationConsumer implements BatchConsumerAwareMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(GenerationConsumer.class);

    /** JOINING: started, waiting for partitions (or for the topic); CONSUMING: assigned and applying. */
    enum State { STOPPED, JOINING, CONSUMING, FAILING }

    /** @param failures attempts to apply a batch that failed and were retried since start */
    record Status(State state, long appliedRecords, long failures, @Nullable Instant lastAppliedAt,
                  @Nullable String lastError) {
    }

    private final Projector projector;
    private final int maxAttempts;
    private final Runnable afterBatch;
    private final AbstractMessageListenerContainer<?, ?> container;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean assigned;
    private volatile boolean failing;
    /** While the generation is being rebuilt: its records are replayed history, applied without trace spans. */
    private volatile boolean replaying;
    private volatile @Nullable Instant lastAppliedAt;
    private volatile @Nullable String lastError;
    /**
     * Per assigned partition, the offset the read model resumes from (as stored). With several consumers in the
     * container (a rebuild), each thread touches only its own partitions.
     */
    private final Map<TopicPartition, Long> resumeOffsets = new ConcurrentHashMap<>();

    /**
     * @param containers makes the (not yet started) container that delivers to the given listener
     * @param building   whether the generation is being rebuilt (until {@link #serving()})
     * @param afterBatch run after each applied batch, on the consumer's thread
     */
    GenerationConsumer(Projector projector, ConsumerProperties properties,
                       Function<GenerationConsumer, AbstractMessageListenerContainer<?, ?>> containers,
                       boolean building, Runnable afterBatch) {
        this.projector = projector;
        this.replaying = building;
        this.afterBatch = afterBatch;
        this.maxAttempts = properties.maxAttempts();
        this.container = containers.apply(this);
        DefaultErrorHandler errors = new DefaultErrorHandler(this::applyAloneOrPark,
                new FixedBackOff(properties.retryBackoff().toMillis(), properties.maxAttempts() - 1L));
        errors.setRetryListeners(new Failures(properties));
        container.setCommonErrorHandler(errors);
    }

    void start() {
        container.start();
    }

    /** The generation serves now: what arrives from here on is traced as live ingest. */
    void serving() {
        replaying = false;
    }

    /** Stops after the batch being applied has committed or rolled back. */
    void stop() {
        container.stop();
        assigned = false;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, Projector.ConsumerPosition> positions = positions(records, consumer);
        try {
            projector.applyAll(records, positions, !replaying);
        } catch (PositionMismatchException behind) {
            // Nothing of the batch was applied: read again from what the read models hold.
            log.warn("The read models do not hold what precedes these records (their database lost its last "
                    + "commits, or the seek on assignment failed): reading again from {}", behind.resumeAt());
            behind.resumeAt().forEach((partition, offset) -> {
                consumer.seek(partition, offset);
                resumeOffsets.put(partition, offset);
            });
            return;
        }
        positions.forEach((partition, position) -> resumeOffsets.put(partition, position.next()));
        succeeded(records.size());
        afterBatch.run();
    }

    /** The recoverer: one record of a batch that kept failing, alone in its transaction, parked if it fails. */
    private void applyAloneOrPark(ConsumerRecord<?, ?> record, Exception batchFailure) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, byte[]> typed = (ConsumerRecord<String, byte[]>) record;
        if (projector.applyAloneOrPark(typed, maxAttempts).parked() > 0) {
            log.warn("Parked the event at {}-{}@{}: it kept failing; its subject waits, the rest goes on",
                    record.topic(), record.partition(), record.offset());
        }
        resumeOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        succeeded(1);
    }

    private void succeeded(int records) {
        applied.addAndGet(records);
        lastAppliedAt = Instant.now();
        lastError = null;
        failing = false;
    }

    /**
     * The position, not the last record + 1: it is past any transaction marker that follows the records. The end
     * is as the consumer last saw it, stored for the lag. Where the reading ran from: where the last batch (or the
     * seek on assignment) left this consumer.
     */
    private Map<TopicPartition, Projector.ConsumerPosition> positions(List<ConsumerRecord<String, byte[]>> records,
                                                                      Consumer<?, ?> consumer) {
        Map<TopicPartition, Projector.ConsumerPosition> positions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            positions.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), partition -> {
                long position = consumer.position(partition);
                return new Projector.ConsumerPosition(position, position + consumer.currentLag(partition).orElse(0),
                        resumeOffsets.getOrDefault(partition, -1L));
            });
        }
        return positions;
    }

    /**
     * On every assignment, continue exactly after what the read models already hold. Should this fail (the database
     * away), Kafka falls back to its committed offsets; the projector then refuses any batch that does not continue
     * what the read models hold, and the consumer seeks back ({@link PositionMismatchException}).
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<String, Map<Integer, Long>> stored = new HashMap<>();
        for (TopicPartition partition : assignments.keySet()) {
            Long next = stored.computeIfAbsent(partition.topic(), projector::storedOffsets).get(partition.partition());
            if (next != null) {
                callback.seek(partition.topic(), partition.partition(), next);
            } else {
                callback.seekToBeginning(List.of(partition));
            }
            resumeOffsets.put(partition, next == null ? 0L : next);
        }
        assigned = true;
    }

    @Override
    public void onPartitionsRevoked(@Nullable Collection<TopicPartition> partitions) {
        // offsets are stored with each applied batch; nothing is pending
        if (partitions != null) {
            resumeOffsets.keySet().removeAll(partitions);
        }
    }

    /**
     * When no record has come for a while, every record before the consumer's position has been applied; whatever
     * lies between the stored offset and the position is transaction markers or aborted records. Stores the
     * position.
     */
    @Override
    public void onIdleContainer(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        Map<TopicPartition, Projector.ConsumerPosition> ahead = new HashMap<>();
        positions.forEach((partition, position) -> {
            Long stored = resumeOffsets.get(partition);
            if (stored != null && position > stored) {
                ahead.put(partition, new Projector.ConsumerPosition(position, position));
            }
        });
        if (!ahead.isEmpty()) {
            try {
                projector.stepOver(ahead);
                ahead.forEach((partition, position) -> resumeOffsets.put(partition, position.next()));
            } catch (RuntimeException e) {
                log.warn("Cannot store the position past transaction markers (retried when idle again): {}",
                        e.toString());
            }
        }
    }

    Status status() {
        State state = !container.isRunning() ? State.STOPPED
                : failing ? State.FAILING
                : assigned ? State.CONSUMING
                : State.JOINING;
        return new Status(state, applied.get(), failures.get(), lastAppliedAt, lastError);
    }

    /**
     * UP once the consumer has its partitions and applies what arrives. DOWN before that (the read models cannot
     * be current yet) and while batches keep failing (database or broker unreachable, or an event that cannot be
     * applied).
     */
    WorkerHealthIndicator.Report healthReport() {
        Status status = status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state());
        details.put("appliedRecords", status.appliedRecords());
        details.put("failures", status.failures());
        details.put("lastAppliedAt", status.lastAppliedAt());
        details.put("lastError", status.lastError());
        return new WorkerHealthIndicator.Report(status.state() == State.CONSUMING, details);
    }

    /** Counts and logs each failed attempt, for the health report. */
    private final class Failures implements RetryListener {

        private final ConsumerProperties properties;

        Failures(ConsumerProperties properties) {
            this.properties = properties;
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
            failed(failure);
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
            failed(failure);
        }

        @Override
        public void recoveryFailed(ConsumerRecords<?, ?> records, Exception original, Exception failure) {
            failed(failure);
        }

        private void failed(Exception thrown) {
            Throwable failure = thrown instanceof ListenerExecutionFailedException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            failures.incrementAndGet();
            failing = true;
            lastError = failure.toString();
            log.error("Applying ticket events failed; retrying in {} without skipping: {}", properties.retryBackoff(),
                    failure.toString());
            log.debug("Failure detail", failure);
        }
    }
}
