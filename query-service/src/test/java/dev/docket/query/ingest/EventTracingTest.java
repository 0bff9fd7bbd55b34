package dev.docket.query.ingest;

import dev.docket.events.EventHeaders;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A record continues its request's trace while it is fresh; a replayed one (a rebuild) is applied without a span. */
class EventTracingTest {

    private final ObservedNames observed = new ObservedNames();
    private final EventTracing tracing = new EventTracing(registry().getBeanProvider(ObservationRegistry.class));

    @Test
    void aFreshRecordRunsInItsObservationAndAReplayedOneDoesNot() {
        long now = System.currentTimeMillis();

        assertThat(tracing.inSpanOf(record(now - 1_000), () -> "applied")).isEqualTo("applied");
        assertThat(observed.names()).hasSize(1);

        assertThat(tracing.inSpanOf(record(now - EventTracing.TRACED_AGE.toMillis() - 1_000), () -> "applied"))
                .isEqualTo("applied");
        assertThat(observed.names()).hasSize(1);
    }

    private ConsumerRecord<String, byte[]> record(long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                .getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("events", 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, "key", new byte[0],
                headers, Optional.empty());
    }

    private StaticListableBeanFactory registry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(observed);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("observationRegistry", registry);
        return beans;
    }
}
