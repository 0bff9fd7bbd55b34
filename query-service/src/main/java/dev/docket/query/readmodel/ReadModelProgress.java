package dev.docket.query.readmodel;

import dev.docket.support.cache.Recent;
import dev.docket.support.kafka.EventTopicProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

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
    public record Snapshot(int generation, long lagEvents, @Nullable Duration lagTime, @Nullable Instant lastEvent) {
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
     * holds) and every partition with a stored offset. Until Kafka first answers, the stored ends are all there is.
     */
    private Snapshot load() {
        ReadModelSql sql = generations.active();
        ConsumerOffsets.Progress progress = ConsumerOffsets.progress(sql, topic, topicEnds.partitions());
        return new Snapshot(sql.generation(), progress.lagEvents(), progress.lagTime(Instant.now()),
                progress.lastEvent());
    }
}
