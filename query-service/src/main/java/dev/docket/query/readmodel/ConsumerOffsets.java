package dev.docket.query.readmodel;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A generation's {@code consumer_offset} table, and the only class that reads or writes it: for each partition of
 * the topic, where the generation's consumer resumes (stored in the transaction of the batch it applied), the
 * partition's end as the consumer last saw it, and when the newest event applied from it happened.
 */
public final class ConsumerOffsets {

    /**
     * One partition's row.
     *
     * @param next          where to resume: the offset after the last record applied or stepped over
     * @param end           the partition's end as the consumer saw it (at least {@code next})
     * @param lastEventTime when the newest applied event happened; null keeps the stored one
     */
    public record Position(String topic, int partition, long next, long end, Instant lastEventTime) {
    }

    /**
     * How far the generation has got, over every partition.
     *
     * @param lagEvents   records in the topic not yet applied
     * @param behindSince when the newest applied event of the furthest-behind partition happened, while any is behind
     * @param lastEvent   when the newest applied event happened (null before any)
     */
    public record Progress(long lagEvents, Instant behindSince, Instant lastEvent) {

        /** How old the furthest-behind partition's newest applied event is, while any is behind. */
        public Duration lagTime(Instant now) {
            Duration lag = behindSince == null ? Duration.ZERO : Duration.between(behindSince, now);
            return lag.isNegative() ? Duration.ZERO : lag;
        }
    }

    private ConsumerOffsets() {
    }

    /** Where the generation resumes in each partition of {@code topic} it has read from. */
    public static Map<Integer, Long> resumeAt(ReadModelSql sql, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        sql.sql("SELECT partition, next_offset FROM {rm}.consumer_offset WHERE topic = ?").param(topic)
                .query(rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                });
        return offsets;
    }

    /** Stores the positions after a batch, in its transaction, with one statement. */
    public static void store(ReadModelSql sql, Collection<Position> positions) {
        write(sql, positions, """
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,
                    end_offset = EXCLUDED.end_offset,
                    last_event_time = coalesce(EXCLUDED.last_event_time, consumer_offset.last_event_time),
                    updated_at = now()""");
    }

    /**
     * Moves the stored positions forward to these, never back: over offsets that hold no record for the consumer
     * (a transaction's commit marker, an aborted transaction's records).
     */
    public static void moveForward(ReadModelSql sql, Collection<Position> positions) {
        write(sql, positions, """
                ON CONFLICT (topic, partition) DO UPDATE
                    SET next_offset = greatest(consumer_offset.next_offset, EXCLUDED.next_offset),
                        end_offset = greatest(consumer_offset.end_offset, EXCLUDED.end_offset),
                        updated_at = now()""");
    }

    private static void write(ReadModelSql sql, Collection<Position> positions, String onConflict) {
        if (positions.isEmpty()) {
            return;
        }
        sql.sql("""
                        INSERT INTO {rm}.consumer_offset (topic, partition, next_offset, end_offset, last_event_time)
                        SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[], ?::bigint[], ?::timestamptz[])
                        """ + onConflict)
                .params(positions.stream().map(Position::topic).toArray(String[]::new),
                        positions.stream().map(Position::partition).toArray(Integer[]::new),
                        positions.stream().map(Position::next).toArray(Long[]::new),
                        positions.stream().map(p -> Math.max(p.next(), p.end())).toArray(Long[]::new),
                        positions.stream().map(p -> p.lastEventTime() == null ? null : p.lastEventTime().toString())
                                .toArray(String[]::new))
                .update();
    }

    /**
     * The generation's progress in {@code topic}: every partition Kafka lists ({@code partitions}; one not read yet
     * is behind by all it holds) and every partition with a stored row. A partition's end is the later of Kafka's
     * and the one stored with its last batch.
     */
    public static Progress progress(ReadModelSql sql, String topic, Map<Integer, TopicEnds.Range> partitions) {
        Integer[] numbers = partitions.keySet().toArray(Integer[]::new);
        Long[] firsts = Arrays.stream(numbers).map(p -> partitions.get(p).first()).toArray(Long[]::new);
        Long[] ends = Arrays.stream(numbers).map(p -> partitions.get(p).end()).toArray(Long[]::new);
        return sql.sql("""
                        SELECT coalesce(sum(greatest(p.end_offset - p.next_offset, 0)), 0) AS lag,
                               min(p.last_event_time) FILTER (WHERE p.end_offset > p.next_offset) AS behind_since,
                               max(p.last_event_time) AS last_event
                        FROM (SELECT greatest(t.end_offset, o.end_offset) AS end_offset,
                                     coalesce(o.next_offset, t.first_offset) AS next_offset, o.last_event_time
                              FROM (SELECT * FROM {rm}.consumer_offset WHERE topic = ?) o
                              FULL JOIN unnest(?::int[], ?::bigint[], ?::bigint[]) AS t(partition, first_offset, end_offset)
                                  ON t.partition = o.partition) p""")
                .param(topic).param(numbers).param(firsts).param(ends)
                .query((rs, n) -> new Progress(rs.getLong("lag"), instant(rs.getTimestamp("behind_since")),
                        instant(rs.getTimestamp("last_event"))))
                .single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
