package dev.docket.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.Map;

/**
 * A Kafka consumer whose client metrics (among them {@code kafka.consumer.fetch.manager.records.lag.max}, the
 * consumer's own view of its lag) are in the service's registry while it is open, and removed when it closes.
 */
public final class MeteredKafkaConsumer<K, V> extends KafkaConsumer<K, V> {

    private final KafkaClientMetrics metrics;

    public MeteredKafkaConsumer(Map<String, Object> config, Deserializer<K> keys, Deserializer<V> values,
                                MeterRegistry registry) {
        super(config, keys, values);
        this.metrics = new KafkaClientMetrics(this);
        metrics.bindTo(registry);
    }

    @Override
    public void close() {
        metrics.close();
        super.close();
    }

    @Override
    public void close(Duration timeout) {
        metrics.close();
        super.close(timeout);
    }

    @Override
    public void close(CloseOptions options) {
        metrics.close();
        super.close(options);
    }
}
