package dev.docket.query.ingest;

import dev.docket.query.readmodel.ConsumerOffsets;
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

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies records of the event topic to one generation's read models, each batch in one transaction with the
 * partition offsets, set-based: the batch is decoded once, every projection reads what it needs for all of the
 * batch's subjects at once, the events are applied in memory in order, and each projection then writes what changed
 * with one statement per table. For every event the guard decides first: a redelivery (the subject already has its
 * version) changes nothing; an event after a gap, or behind a parked event of its subject, is parked; the next event
 * of its subject goes to every projection. This is also the batch path a bulk load uses.
 */
public final class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    /** What became of the records of one call. */
    public record Outcome(int applied, int duplicates, int parked) {

        static Outcome of(Map<Result, Integer> tally) {
            return new Outcome(tally.getOrDefault(Result.APPLIED, 0), tally.getOrDefault(Result.DUPLICATE, 0),
                    tally.getOrDefault(Result.PARKED, 0));
        }
    }

    /** What a retry of parked events did. */
    public record RetryOutcome(int subjects, int applied, int stillParked) {

        RetryOutcome plus(RetryOutcome other) {
            return new RetryOutcome(subjects + other.subjects, applied + other.applied, stillParked + other.stillParked);
        }
    }

    enum Result { APPLIED, DUPLICATE, PARKED }

    private final ReadModelSql sql;
    private final TransactionTemplate transactions;
    private final EnvelopeDecoder decoder;
    private final EventTracing tracing;
    private final List<ProjectionFactory> projections;
    private final ReadModelCommits commits;

    Projector(ReadModelSql sql, TransactionTemplate transactions, EnvelopeDecoder decoder,
              List<ProjectionFactory> projections, EventTracing tracing, ReadModelCommits commits) {
        this.sql = sql;
        this.transactions = transactions;
        this.decoder = decoder;
        this.projections = List.copyOf(projections);
        this.tracing = tracing;
        this.commits = commits;
    }

    /**
     * Where a consumer stands in a partition once it returned a poll's records: the next offset it reads, and the
     * partition's end as it last saw it. The next offset is not always the last record's offset + 1: on a topic
     * written by a transactional producer (our relay is not one; a mirror or re-publisher may be), a commit marker
     * or an aborted transaction's records take offsets that a read-committed consumer steps over unreturned.
     *
     * @param readFrom where the consumer's reading of the partition ran from, without a break, up to these records
     *                 (where it sought, or where its previous batch left it; negative when not known): offsets
     *                 from there to the first record hold nothing for it
     */
    public record ConsumerPosition(long next, long end, long readFrom) {

        /** A position that says nothing of where the reading began: the batch is not checked against the store. */
        public ConsumerPosition(long next, long end) {
            this(next, end, -1);
        }
    }

    /**
     * Applies all records in one transaction, or nothing: any failure rolls the whole batch back and is thrown.
     * A batch that does not continue what the read models hold in one of its partitions (checked where
     * {@code positions} says where the consumer's reading began) is refused with a {@link PositionMismatchException}
     * naming where to read from instead.
     *
     * @param positions the consumer's position in each partition after these records (stored as where to resume,
     *                  and for the lag); may be empty, then the records alone say where to resume
     */
    public Outcome applyAll(List<ConsumerRecord<String, byte[]>> records,
                            Map<TopicPartition, ConsumerPosition> positions) {
        return applyAll(records, positions, true);
    }

    /**
     * As {@link #applyAll(List, Map)}; with {@code traced} false, no record gets a trace span (a generation being
     * rebuilt replays history, whose traces ended long ago, however recent the records).
     */
    public Outcome applyAll(List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, ConsumerPosition> positions,
                            boolean traced) {
        Outcome outcome = transactions.execute(status -> apply(records, positions, traced));
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
            Object savepoint = status.createSavepoint();
            try {
                Outcome applied = apply(List.of(record), Map.of(), true);
                status.releaseSavepoint(savepoint);
                return applied;
            } catch (RuntimeException e) {
                if (isTransient(e)) {
                    throw e;
                }
                status.rollbackToSavepoint(savepoint);
                ParkedEvents.park(sql, record, describe(e), attempts);
                storeOffsets(List.of(record), Map.of(), Map.of());
                return new Outcome(0, 0, 1);
            }
        });
        commits.committed();
        return outcome;
    }

    private Outcome apply(List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, ConsumerPosition> positions,
                          boolean traced) {
        // Derived data: the batch's rows and its offsets commit together, so a crash of the database that loses the
        // last commits loses both, and the consumer reads those records again. Not waiting for the disk at commit
        // takes a flush off every batch's (and so every read-your-writes wait's) time.
        sql.sql("SET LOCAL synchronous_commit = off").update();
        requireContinuous(records, positions);
        List<EventEnvelope> envelopes = decoder.decodeAll(records);
        SubjectProgress progress = SubjectProgress.load(sql,
                envelopes.stream().map(EventEnvelope::subject).collect(Collectors.toSet()));
        List<Projection> batchProjections = projections.stream().map(f -> f.create(sql)).toList();
        batchProjections.forEach(projection -> projection.load(envelopes));
        Batch batch = new Batch();
        Map<TopicPartition, Instant> times = new HashMap<>();
        Map<Result, Integer> tally = new EnumMap<>(Result.class);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            EventEnvelope envelope = envelopes.get(i);
            times.merge(new TopicPartition(record.topic(), record.partition()), envelope.time(),
                    (a, b) -> a.isAfter(b) ? a : b);
            Supplier<Result> applied = () -> correlated(envelope,
                    () -> decide(record, envelope, progress, batchProjections, batch));
            Result result = traced ? tracing.inSpanOf(record, applied) : applied.get();
            tally.merge(result, 1, Integer::sum);
        }
        batchProjections.forEach(Projection::flush);
        batch.flush(sql);
        progress.write(sql);
        storeOffsets(records, positions, times);
        return Outcome.of(tally);
    }

    private Result decide(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, SubjectProgress progress,
                          List<Projection> batchProjections, Batch batch) {
        UUID subject = envelope.subject();
        SubjectProgress.State seen = progress.of(subject);
        Result result;
        if (envelope.version() <= seen.version()) {
            result = Result.DUPLICATE;
        } else if (seen.parkedEvents() > 0) {
            result = park(record, subject, "waits behind " + seen.parkedEvents() + " parked event(s) of " + subject,
                    progress);
            if (result == Result.PARKED) {
                log.warn("Parked v{} of {}: it waits behind {} parked event(s)", envelope.version(), subject,
                        seen.parkedEvents());
            }
        } else if (envelope.version() != seen.version() + 1) {
            result = park(record, subject, gap(subject, seen.version(), envelope.version()), progress);
            if (result == Result.PARKED) {
                log.warn("Parked v{} of {}: the read model holds v{}", envelope.version(), subject, seen.version());
            }
        } else {
            for (Projection projection : batchProjections) {
                projection.apply(envelope, batch);
            }
            progress.advance(subject, envelope.version());
            result = Result.APPLIED;
        }
        log.debug("{} {} v{} of {} at offset {}-{}", result, envelope.event().getClass().getSimpleName(),
                envelope.version(), subject, record.partition(), record.offset());
        return result;
    }

    /**
     * In every partition of the batch that has a position, the read models must hold everything before its first
     * record: the offset stored with them is at or past the first record (the records in between are redeliveries,
     * which the guard recognises), or the consumer's reading ran from that offset (what lies between holds no record
     * for it: transaction markers). A partition the read models hold nothing of must have been read from its
     * beginning. Batches without positions (a bulk load, the recoverer's single records) are not checked.
     */
    private void requireContinuous(List<ConsumerRecord<String, byte[]>> records,
                                   Map<TopicPartition, ConsumerPosition> positions) {
        Map<TopicPartition, Long> firsts = new LinkedHashMap<>();
        records.forEach(r -> firsts.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset()));
        Map<String, Map<Integer, Long>> stored = new HashMap<>();
        Map<TopicPartition, Long> resumeAt = new LinkedHashMap<>();
        boolean behind = false;
        for (Map.Entry<TopicPartition, Long> first : firsts.entrySet()) {
            TopicPartition partition = first.getKey();
            ConsumerPosition position = positions.get(partition);
            if (position == null) {
                continue;
            }
            Long next = stored.computeIfAbsent(partition.topic(), topic -> ConsumerOffsets.resumeAt(sql, topic))
                    .get(partition.partition());
            long readFrom = position.readFrom();
            boolean continues = next != null
                    ? next >= first.getValue() || (readFrom >= 0 && readFrom <= next)
                    : readFrom == 0;
            behind |= !continues;
            resumeAt.put(partition, next != null ? next : 0L);
        }
        if (behind) {
            throw new PositionMismatchException(resumeAt);
        }
    }

    /** Parks the record; one parked before (read again after a rewind) is a duplicate, neither parked nor counted. */
    private Result park(ConsumerRecord<String, byte[]> record, UUID subject, String reason, SubjectProgress progress) {
        if (!ParkedEvents.insert(sql, record, subject, reason, 0)) {
            return Result.DUPLICATE;
        }
        progress.parked(subject);
        return Result.PARKED;
    }

    /** Where this generation resumes in each partition of {@code topic} it has read from. */
    Map<Integer, Long> storedOffsets(String topic) {
        return ConsumerOffsets.resumeAt(sql, topic);
    }

    /**
     * Applies parked events again, per subject in version order and each subject in its own transaction, stopping
     * at the first that still fails (it and the ones behind it stay parked).
     */
    RetryOutcome retryParked(UUID onlySubject) {
        List<UUID> subjects = onlySubject != null ? List.of(onlySubject) : ParkedEvents.subjects(sql, 1000);
        RetryOutcome outcome = new RetryOutcome(0, 0, 0);
        for (UUID subject : subjects) {
            outcome = outcome.plus(transactions.execute(status -> retrySubject(status, subject)));
            commits.committed();
        }
        return outcome;
    }

    private RetryOutcome retrySubject(TransactionStatus status, UUID subject) {
        SubjectProgress.State state = SubjectProgress.lock(sql, subject);
        List<Map.Entry<Long, ConsumerRecord<String, byte[]>>> parked = ParkedEvents.forRetry(sql, subject);
        Batch batch = new Batch();
        long version = state.version();
        int applied = 0;
        int remaining = parked.size();
        for (Map.Entry<Long, ConsumerRecord<String, byte[]>> entry : parked) {
            Object savepoint = status.createSavepoint();
            try {
                EventEnvelope envelope = decoder.decodeAll(List.of(entry.getValue())).getFirst();
                if (envelope.version() <= version) {
                    status.releaseSavepoint(savepoint);
                } else if (envelope.version() != version + 1) {
                    status.releaseSavepoint(savepoint);
                    ParkedEvents.failedAgain(sql, entry.getKey(), gap(subject, version, envelope.version()));
                    break;
                } else {
                    Batch own = new Batch();
                    for (Projection projection : projections.stream().map(f -> f.create(sql)).toList()) {
                        projection.load(List.of(envelope));
                        projection.apply(envelope, own);
                        projection.flush();
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
        return new RetryOutcome(1, applied, remaining);
    }

    /**
     * Runs {@code work} under the correlation id of the request that caused the event, so this service's log lines
     * about it carry the same ids as the command service's lines about that request.
     */
    private static <T> T correlated(EventEnvelope envelope, Supplier<T> work) {
        String previous = MDC.get(CorrelationIdFilter.MDC_KEY);
        MDC.put(CorrelationIdFilter.MDC_KEY, envelope.correlationId() == null ? "" : envelope.correlationId());
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationIdFilter.MDC_KEY);
            } else {
                MDC.put(CorrelationIdFilter.MDC_KEY, previous);
            }
        }
    }

    private void storeOffsets(List<ConsumerRecord<String, byte[]>> records,
                              Map<TopicPartition, ConsumerPosition> positions, Map<TopicPartition, Instant> times) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        positions.forEach((partition, position) -> next.merge(partition, position.next(), Math::max));
        ConsumerOffsets.store(sql, next.entrySet().stream().map(e -> new ConsumerOffsets.Position(e.getKey().topic(),
                e.getKey().partition(), e.getValue(),
                positions.containsKey(e.getKey()) ? positions.get(e.getKey()).end() : e.getValue(),
                times.get(e.getKey()))).toList());
    }

    /**
     * Moves the stored resume offsets forward over offsets that hold no record for this consumer (a transaction's
     * commit marker, an aborted transaction's records): the consumer's position after a poll that returned nothing.
     * Never moves one back. Without it the read model would resume one offset early (harmless) and report a lag of
     * one record per partition forever.
     */
    void stepOver(Map<TopicPartition, ConsumerPosition> positions) {
        transactions.executeWithoutResult(status -> ConsumerOffsets.moveForward(sql, positions.entrySet().stream()
                .map(e -> new ConsumerOffsets.Position(e.getKey().topic(), e.getKey().partition(),
                        e.getValue().next(), e.getValue().end(), null)).toList()));
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
