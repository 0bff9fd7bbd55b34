package dev.docket.query.ingest;

import dev.docket.support.worker.BackgroundWorker;
import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Consumes the event topic into one generation's read models, each poll's records in one transaction with their
 * offsets. Partition positions come from PostgreSQL, not from Kafka's committed offsets (those are committed too,
 * for lag tooling), so the read models and the position can never disagree. A failed batch is rolled back, rewound
 * and retried; when it keeps failing for a reason other than an unavailable database, the records are applied one
 * by one and the one that fails is parked, so one bad event holds back only its own subject.
 */
final class TicketEventConsumer extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(TicketEventConsumer.class);

    /** JOINING: subscribed, waiting for the group to assign partitions; CONSUMING: assigned and applying. */
    enum State { STOPPED, WAITING_FOR_TOPIC, JOINING, CONSUMING, FAILING }

    /** @param failures attempts (to apply a batch, or to join the group) that failed and were retried since start */
    record Status(State state, long appliedRecords, long failures, Instant lastAppliedAt, String lastError) {
    }

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Supplier<Admin> admins;
    private final String topic;
    private final Projector projector;
    private final ConsumerProperties properties;

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Consumer<String, byte[]> current;
    private volatile State state = State.STOPPED;
    private volatile Instant lastAppliedAt;
    private volatile String lastError;
    private int failedAttempts;
    /** Per assigned partition, the offset the read model resumes from (as stored); the consumer thread's own. */
    private final Map<TopicPartition, Long> resumeOffsets = new HashMap<>();

    TicketEventConsumer(Supplier<Consumer<String, byte[]>> consumers, Supplier<Admin> admins, String topic,
                        Projector projector, ConsumerProperties properties) {
        super("event-consumer-" + projector.sql().schema(), Duration.ofSeconds(20));
        this.consumers = consumers;
        this.admins = admins;
        this.topic = topic;
        this.projector = projector;
        this.properties = properties;
    }

    int generation() {
        return projector.sql().generation();
    }

    Projector projector() {
        return projector;
    }

    /** Interrupts a poll in progress; the batch being applied still commits or rolls back first. */
    @Override
    protected void wake() {
        Consumer<String, byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    Status status() {
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

    @Override
    protected void work() {
        while (!isStopping()) {
            try {
                awaitTopic();
                try (Consumer<String, byte[]> consumer = consumers.get()) {
                    current = consumer;
                    resumeOffsets.clear();
                    state = State.JOINING;
                    consumer.subscribe(List.of(topic), new ResumeFromStoredOffsets(consumer));
                    while (!isStopping()) {
                        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                        if (!records.isEmpty()) {
                            applyOrRewind(consumer, records);
                        } else {
                            stepOverMarkers(consumer);
                        }
                    }
                } finally {
                    current = null;
                }
            } catch (WakeupException stopping) {
                // stop() woke the consumer
            } catch (Exception e) {
                fail(e);
            }
        }
        state = State.STOPPED;
    }

    private void applyOrRewind(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        // the position, not the last record + 1: it is past any transaction marker that follows the records
        Map<TopicPartition, Projector.ConsumerPosition> positions = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            long position = consumer.position(partition);
            positions.put(partition, new Projector.ConsumerPosition(position,
                    position + consumer.currentLag(partition).orElse(0)));
        }
        try {
            if (failedAttempts >= properties.maxAttempts()) {
                Projector.Outcome outcome = projector.applyEachParkingFailures(list, positions, failedAttempts);
                if (outcome.parked() > 0) {
                    log.warn("Parked {} event(s) after {} failed attempts; their subjects wait, the rest goes on",
                            outcome.parked(), failedAttempts);
                }
            } else {
                projector.applyAll(list, positions);
            }
        } catch (RuntimeException e) {
            // Nothing of this batch was applied: read it again from its first record.
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).getFirst().offset());
            }
            if (!Projector.isTransient(e)) {
                failedAttempts++;
            }
            fail(e);
            return;
        }
        failedAttempts = 0;
        positions.forEach((partition, position) -> resumeOffsets.put(partition, position.next()));
        applied.addAndGet(records.count());
        lastAppliedAt = Instant.now();
        lastError = null;
        state = State.CONSUMING;
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            commit.put(partition, new OffsetAndMetadata(positions.get(partition).next()));
        }
        consumer.commitAsync(commit, null);
    }

    /**
     * After a poll that returned nothing, every record before the consumer's position has been applied; whatever
     * lies between the stored offset and the position is transaction markers or aborted records. Stores the
     * position, so resuming and the lag are exact.
     */
    private void stepOverMarkers(Consumer<String, byte[]> consumer) {
        Map<TopicPartition, Projector.ConsumerPosition> ahead = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            Long stored = resumeOffsets.get(partition);
            long position;
            try {
                position = consumer.position(partition, Duration.ZERO);
            } catch (org.apache.kafka.common.errors.TimeoutException notYetKnown) {
                continue;
            }
            if (stored != null && position > stored) {
                ahead.put(partition, new Projector.ConsumerPosition(position,
                        position + consumer.currentLag(partition).orElse(0)));
            }
        }
        if (!ahead.isEmpty()) {
            try {
                projector.stepOver(ahead);
                ahead.forEach((partition, position) -> resumeOffsets.put(partition, position.next()));
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    private void awaitTopic() {
        state = State.WAITING_FOR_TOPIC;
        try (Admin admin = admins.get()) {
            while (!isStopping()) {
                try {
                    if (admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(topic)) {
                        return;
                    }
                    log.info("Waiting for topic {} (the command service's relay creates it)", topic);
                } catch (Exception e) {
                    log.warn("Kafka unreachable while looking for topic {}: {}", topic, e.toString());
                }
                pause(Duration.ofMillis(Math.min(properties.retryBackoff().toMillis(), 500)));
            }
        }
    }

    private void fail(Exception e) {
        failures.incrementAndGet();
        state = State.FAILING;
        lastError = e.toString();
        log.error("Applying ticket events failed; retrying in {} without skipping: {}", properties.retryBackoff(),
                e.toString());
        log.debug("Failure detail", e);
        pause(properties.retryBackoff());
    }

    /** On every assignment, continue exactly after what the read models already hold. */
    private final class ResumeFromStoredOffsets implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> consumer;

        ResumeFromStoredOffsets(Consumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                projector.sql().sql("""
                                SELECT next_offset FROM {rm}.consumer_offset WHERE topic = ? AND partition = ?""")
                        .params(partition.topic(), partition.partition()).query(Long.class).optional().ifPresentOrElse(
                        next -> {
                            consumer.seek(partition, next);
                            resumeOffsets.put(partition, next);
                        },
                        () -> {
                            consumer.seekToBeginning(List.of(partition));
                            resumeOffsets.put(partition, 0L);
                        });
            }
            state = State.CONSUMING;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are stored with each applied batch; nothing is pending
            resumeOffsets.keySet().removeAll(partitions);
        }
    }
}
