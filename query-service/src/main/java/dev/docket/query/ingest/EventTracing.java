package dev.docket.query.ingest;

import dev.docket.events.EventHeaders;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Continues the trace of the request that caused an event: applying a record runs in Spring Kafka's listener
 * observation of that record, whose parent is the record's {@code traceparent} header, so the projector's log lines
 * carry the request's trace id and a tracing backend shows the command and its projection as one trace. A batch has
 * no single parent, so the observation is per record, around the record's own part of the batch. Records without
 * the header are simply applied, and so are records published more than {@link #TRACED_AGE} before they are applied
 * (catching up after downtime): their traces ended long ago, and a span for each replayed record would cost the
 * catching up for nothing. A generation being rebuilt replays history and asks for no span at all, however recent
 * the records ({@link Projector#applyAll(java.util.List, java.util.Map, boolean)}).
 */
@Component
public class EventTracing {

    /** Records published longer ago than this are applied without a span. */
    static final Duration TRACED_AGE = Duration.ofMinutes(1);

    private final ObservationRegistry registry;

    public EventTracing(ObjectProvider<ObservationRegistry> registry) {
        this.registry = registry.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    /** Runs {@code work} in the observation of {@code record}. */
    <T> T inSpanOf(ConsumerRecord<String, byte[]> record, Supplier<T> work) {
        if (registry.isNoop() || record.timestamp() < System.currentTimeMillis() - TRACED_AGE.toMillis()
                || record.headers().lastHeader(EventHeaders.TRACEPARENT) == null) {
            return work.get();
        }
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                        DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, "docket-projector", () -> null), registry)
                .observe(work);
    }
}
