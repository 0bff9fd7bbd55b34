package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelCommits;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.errors.TransientFailures;
import dev.docket.support.web.CorrelationIdFilter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies records of the event topic to one generation's read models, each batch in one transaction with the
 * partition offsets. For every event the guard decides first: a redelivery (the subject already has its version)
 * changes nothing; an event after a gap, or behind a parked event of its subject, is parked; the next event of its
 * subject goes to every projection. This is also the batch path a bulk load uses.
 */
public final class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    /** What became of the records of one call. */
    public record Outcome(int applied, int duplicates, int parked) {

        Outcome plus(Outcome other) {
            return new Outcome(applied + other.applied, duplicates + other.duplicates, parked + other.parked);
        }
    }

    /** What a retry of parked events did. */
    public record RetryOutcome(int subjects, int applied, int stillParked) {
    }

    private enum Result { APPLIED, DUPLICATE, PARKED }

    private final ReadModelSql sql;
    private final TransactionTemplate transactions;
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final EventTracing tracing;
    private final List<Projection> projections;
    private final ReadModelCommits commits;

    public Projector(ReadModelSql sql, TransactionTemplate transactions, List<Projection> projections,
                     EventTracing tracing, ReadModelCommits commits) {
        this.sql = sql;
        this.transactions = transactions;
        this.projections = List.copyOf(projections);
        this.tracing = tracing;
        this.commits = commits;
    }

    /**
     * Where a consumer stands in a partition once it returned a poll's records: the next offset it reads, and the
     * partition's end as it last saw it. The next offset is not always the last record's offset + 1: on a topic
     * written by a transactional producer (our relay is not one; a mirror or re-publisher may be), a commit marker
     * or an aborted transaction's records take offsets that a read-committed consumer steps over unreturned.
     */
    public record ConsumerPosition(long next, long end) {
    }

    /**
     * Applies all records in one transaction, or nothing: any failure rolls the whole batch back and is thrown.
     *
     * @param positions the consumer's position in each partition after these records (stored as where to resume,
     *                  and for the lag); may be empty, then the records alone say where to resume
     */
    public Outcome applyAll(List<ConsumerRecord<String, byte[]>> records,
                            Map<TopicPartition, ConsumerPosition> positions) {
        Outcome outcome = transactions.execute(status -> {
            Batch batch = new Batch();
            Map<TopicPartition, Instant> times = new HashMap<>();
            int[] tally = new int[3];
            for (ConsumerRecord<String, byte[]> record : records) {
                tally[applyOne(record, batch, times).ordinal()]++;
            }
            finish(batch, records, positions, times);
            return new Outcome(tally[0], tally[1], tally[2]);
        });
        commits.committed();
        return outcome;
    }

    /**
     * The path after a batch kept failing: one of its records alone in its transaction; if it fails for a reason
     * other than an unavailable database, it is parked (with its subject's later events behind it) instead of
     * holding back the whole partition. A transient failure is thrown: nothing is parked for it.
     */
    Outcome applyAloneOrPark(ConsumerRecord<String, byte[]> record, int attempts) {
        Outcome outcome = transactions.execute(status -> {
            Batch batch = new Batch();
            Map<TopicPartition, Instant> times = new HashMap<>();
            Object savepoint = status.createSavepoint();
            Result result;
            try {
                result = applyOne(record, batch, times);
                status.releaseSavepoint(savepoint);
                batch.flush(sql);
            } catch (RuntimeException e) {
                if (isTransient(e)) {
                    throw e;
                }
                status.rollbackToSavepoint(savepoint);
                ParkedEvents.park(sql, record, describe(e), attempts);
                result = Result.PARKED;
            }
            storeOffsets(List.of(record), Map.of(), times);
            return new Outcome(result == Result.APPLIED ? 1 : 0, result == Result.DUPLICATE ? 1 : 0,
                    result == Result.PARKED ? 1 : 0);
        });
        commits.committed();
        return outcome;
    }

    /** Where this generation resumes in each partition of {@code topic} it has read from. */
    Map<Integer, Long> storedOffsets(String topic) {
        return storedOffsets(sql, topic);
    }

    static Map<Integer, Long> storedOffsets(ReadModelSql sql, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        sql.sql("SELECT partition, next_offset FROM {rm}.consumer_offset WHERE topic = ?").param(topic)
                .query(rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                });
        return offsets;
    }

    /**
     * Applies parked events again, per subject in version order and each subject in its own transaction, stopping
     * at the first that still fails (it and the ones behind it stay parked).
     */
    RetryOutcome retryParked(UUID onlySubject) {
        List<UUID> subjects = onlySubject != null ? List.of(onlySubject) : ParkedEvents.subjects(sql, 1000);
        int applied = 0;
        int stillParked = 0;
        for (UUID subject : subjects) {
            int[] result = transactions.execute(status -> retrySubject(status, subject));
            commits.committed();
            applied += result[0];
            stillParked += result[1];
        }
        return new RetryOutcome(subjects.size(), applied, stillParked);
    }

    private int[] retrySubject(TransactionStatus status, UUID subject) {
        SubjectProgress.State state = SubjectProgress.lock(sql, subject);
        List<Map.Entry<Long, ConsumerRecord<String, byte[]>>> parked = ParkedEvents.forRetry(sql, subject);
        Batch batch = new Batch();
        long version = state.version();
        int applied = 0;
        int remaining = parked.size();
        for (Map.Entry<Long, ConsumerRecord<String, byte[]>> entry : parked) {
            Object savepoint = status.createSavepoint();
            try {
                EventEnvelope envelope = decoder.decode(entry.getValue());
                if (envelope.version() <= version) {
                    status.releaseSavepoint(savepoint);
                } else if (envelope.version() != version + 1) {
                    status.releaseSavepoint(savepoint);
                    ParkedEvents.failedAgain(sql, entry.getKey(), gap(subject, version, envelope.version()));
                    break;
                } else {
                    Batch own = new Batch();
                    for (Projection projection : projections) {
                        projection.apply(envelope, own);
                    }
                    status.releaseSavepoint(savepoint);
                    batch.absorb(own);
                    version = envelope.version();
                    applied++;
                }
                ParkedEvents.delete(sql, entry.getKey());
                remaining--;
            } catch (RuntimeException e) {
                if (isTransient(e)) {
                    throw e;
                }
                status.rollbackToSavepoint(savepoint);
                ParkedEvents.failedAgain(sql, entry.getKey(), describe(e));
                break;
            }
        }
        batch.flush(sql);
        SubjectProgress.set(sql, subject, version, remaining);
        return new int[] {applied, remaining};
    }

    /**
     * Applies one record in the trace and under the correlation id of the request that caused it, so this service's
     * log lines about it carry the same ids as the command service's lines about that request.
     */
    private Result applyOne(ConsumerRecord<String, byte[]> record, Batch batch, Map<TopicPartition, Instant> times) {
        return tracing.inSpanOf(record, () -> applyCorrelated(record, batch, times));
    }

    private Result applyCorrelated(ConsumerRecord<String, byte[]> record, Batch batch,
                                   Map<TopicPartition, Instant> times) {
        EventEnvelope envelope = decoder.decode(record);
        String previous = MDC.get(CorrelationIdFilter.MDC_KEY);
        MDC.put(CorrelationIdFilter.MDC_KEY, envelope.correlationId() == null ? "" : envelope.correlationId());
        try {
            Result result = applyDecoded(record, envelope, batch, times);
            log.debug("{} {} v{} of {} at offset {}-{}", result, envelope.event().getClass().getSimpleName(),
                    envelope.version(), envelope.subject(), record.partition(), record.offset());
            return result;
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationIdFilter.MDC_KEY);
            } else {
                MDC.put(CorrelationIdFilter.MDC_KEY, previous);
            }
        }
    }

    private Result applyDecoded(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, Batch batch,
                                Map<TopicPartition, Instant> times) {
        times.merge(new TopicPartition(record.topic(), record.partition()), envelope.time(),
                (a, b) -> a.isAfter(b) ? a : b);
        UUID subject = UUID.fromString(envelope.subject());
        SubjectProgress.State seen = SubjectProgress.read(sql, subject);
        if (envelope.version() <= seen.version()) {
            return Result.DUPLICATE;
        }
        if (seen.parkedEvents() > 0) {
            log.warn("Parking v{} of {}: it waits behind {} parked event(s)", envelope.version(), subject,
                    seen.parkedEvents());
            ParkedEvents.park(sql, record, "waits behind " + seen.parkedEvents() + " parked event(s) of " + subject, 0);
            return Result.PARKED;
        }
        if (envelope.version() != seen.version() + 1) {
            log.warn("Parking v{} of {}: the read model holds v{}", envelope.version(), subject, seen.version());
            ParkedEvents.park(sql, record, gap(subject, seen.version(), envelope.version()), 0);
            return Result.PARKED;
        }
        for (Projection projection : projections) {
            projection.apply(envelope, batch);
        }
        SubjectProgress.advance(sql, subject, seen, envelope.version());
        return Result.APPLIED;
    }

    private void finish(Batch batch, List<ConsumerRecord<String, byte[]>> records,
                        Map<TopicPartition, ConsumerPosition> positions, Map<TopicPartition, Instant> times) {
        batch.flush(sql);
        storeOffsets(records, positions, times);
    }

    private void storeOffsets(List<ConsumerRecord<String, byte[]>> records,
                              Map<TopicPartition, ConsumerPosition> positions, Map<TopicPartition, Instant> times) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        positions.forEach((partition, position) -> next.merge(partition, position.next(), Math::max));
        next.forEach((partition, nextOffset) -> sql.sql("""
                        INSERT INTO {rm}.consumer_offset (topic, partition, next_offset, end_offset, last_event_time)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,
                            end_offset = EXCLUDED.end_offset,
                            last_event_time = coalesce(EXCLUDED.last_event_time, consumer_offset.last_event_time),
                            updated_at = now()""")
                .params(partition.topic(), partition.partition(), nextOffset,
                        Math.max(nextOffset, positions.containsKey(partition) ? positions.get(partition).end() : nextOffset),
                        times.containsKey(partition) ? Timestamp.from(times.get(partition)) : null)
                .update());
    }

    /**
     * Moves the stored resume offsets forward over offsets that hold no record for this consumer (a transaction's
     * commit marker, an aborted transaction's records): the consumer's position after a poll that returned nothing.
     * Never moves one back. Without it the read model would resume one offset early (harmless) and report a lag of
     * one record per partition forever.
     */
    void stepOver(Map<TopicPartition, ConsumerPosition> positions) {
        transactions.executeWithoutResult(status -> positions.forEach((partition, position) -> sql.sql("""
                        INSERT INTO {rm}.consumer_offset (topic, partition, next_offset, end_offset)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (topic, partition) DO UPDATE
                            SET next_offset = greatest(consumer_offset.next_offset, EXCLUDED.next_offset),
                                end_offset = greatest(consumer_offset.end_offset, EXCLUDED.end_offset),
                                updated_at = now()""")
                .params(partition.topic(), partition.partition(), position.next(),
                        Math.max(position.next(), position.end()))
                .update()));
    }

    /**
     * Failures that say nothing about the event: the database is unreachable or busy (see
     * {@link TransientFailures}), or a retry of parked events moved a subject meanwhile.
     */
    static boolean isTransient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrentProjectionException) {
                return true;
            }
        }
        return TransientFailures.isTransient(e);
    }

    private static String gap(UUID subject, long at, long brings) {
        return "version gap: " + subject + " is at version " + at + ", the event brings version " + brings;
    }

    private static String describe(Throwable e) {
        String text = e.toString();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
