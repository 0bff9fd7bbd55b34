package dev.docket.query.readmodel;

import dev.docket.support.cache.Recent;
import dev.docket.support.kafka.EventTopicProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * How far the active read models have got, from the offsets the consumers store with every batch (so every
 * instance sees the progress of all partitions, whichever instance applies them). Published as the metrics
 * {@code docket.projection.lag.events} and {@code docket.projection.lag.seconds}, and as headers on every read.
 */
@Component
public class ReadModelProgress {

    /**
     * @param lagEvents  records in the topic not yet applied, in every partition of the topic ({@link TopicEnds})
     * @param lagTime    how old the newest applied event of the furthest-behind partition is, when any is behind
     * @param lastEvent  when the newest applied event happened (null before any)
     */
    public record Snapshot(int generation, long lagEvents, Duration lagTime, Instant lastEvent) {
    }

    private final ReadModelGenerations generations;
    private final TopicEnds topicEnds;
    private final String topic;
    private final Recent<Snapshot> recent = new Recent<>(Duration.ofMillis(250), this::load);
    private final Recent<Long> parked = new Recent<>(Duration.ofSeconds(5), this::parkedEvents);

    public ReadModelProgress(ReadModelGenerations generations, TopicEnds topicEnds, EventTopicProperties events,
                             ObjectProvider<MeterRegistry> registry) {
        this.generations = generations;
        this.topicEnds = topicEnds;
        this.topic = events.topic();
        registry.ifAvailable(meters -> {
            Gauge.builder("docket.projection.lag.events", this, p -> p.current().lagEvents())
                    .description("Events in the topic not yet applied to the active read models")
                    .register(meters);
            Gauge.builder("docket.projection.parked.events", this, p -> p.parked.get())
                    .description("Events parked (dead letters) in the active read models, waiting for a retry")
                    .register(meters);
            Gauge.builder("docket.projection.lag.seconds", this, p -> p.current().lagTime().toMillis() / 1000.0)
                    .description("Age of the last applied event of the furthest-behind partition, while behind")
                    .baseUnit("seconds")
                    .register(meters);
        });
    }

    private long parkedEvents() {
        return generations.active().sql("SELECT count(*) FROM {rm}.parked_event").query(Long.class).single();
    }

    public Snapshot current() {
        return recent.get();
    }

    /**
     * Every partition Kafka lists ({@link TopicEnds}; one this generation has not read yet is behind by all it
     * holds) and every partition with a stored offset. A partition's end is the later of Kafka's, read each second,
     * and the one stored with its last batch; until Kafka first answers, the stored ones are all there is.
     */
    private Snapshot load() {
        ReadModelSql sql = generations.active();
        Map<Integer, TopicEnds.Range> partitions = topicEnds.partitions();
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
                .query((rs, n) -> snapshot(sql, rs))
                .single();
    }

    private static Snapshot snapshot(ReadModelSql sql, ResultSet rs) throws SQLException {
        Timestamp behindSince = rs.getTimestamp("behind_since");
        Timestamp lastEvent = rs.getTimestamp("last_event");
        Duration lagTime = behindSince == null ? Duration.ZERO : Duration.between(behindSince.toInstant(), Instant.now());
        return new Snapshot(sql.generation(), rs.getLong("lag"), lagTime.isNegative() ? Duration.ZERO : lagTime,
                lastEvent == null ? null : lastEvent.toInstant());
    }
}
