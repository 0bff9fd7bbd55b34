package dev.docket.command.relay;

import dev.docket.command.privacy.PersonalTexts;
import dev.docket.support.kafka.EventTopicProperties;
import dev.docket.support.kafka.KafkaClients;
import dev.docket.support.worker.WorkerHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "docket.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
class RelayConfiguration {

    @Bean
    EventRelay eventRelay(DataSourceProperties dataSource, KafkaProperties kafka, EventTopicProperties events,
                          RelayProperties relay, PersonalTexts personalTexts) {
        EventRelay.ConnectionFactory connections = () -> {
            Properties info = new Properties();
            if (dataSource.determineUsername() != null) {
                info.setProperty("user", dataSource.determineUsername());
            }
            if (dataSource.determinePassword() != null) {
                info.setProperty("password", dataSource.determinePassword());
            }
            info.setProperty("ApplicationName", "docket-relay");
            return DriverManager.getConnection(dataSource.determineUrl(), info);
        };
        return new EventRelay(connections, producerFactory(kafka),
                new TopicSetup(KafkaClients.config(kafka.buildAdminProperties(), "docket-relay-admin"), events.topic(),
                        relay.partitions(), relay.replicationFactor()),
                new EventRecordMapper(events.topic(), relay.source(), personalTexts), relay);
    }

    /** The relay's lag as metrics. */
    @Bean
    RelayLag relayLag(JdbcClient jdbc, RelayProperties relay, ObjectProvider<MeterRegistry> meters) {
        RelayLag lag = new RelayLag(jdbc, relay.name());
        meters.ifAvailable(lag::register);
        return lag;
    }

    /** The {@code relay} health component. */
    @Bean
    WorkerHealthIndicator relayHealthIndicator(EventRelay eventRelay) {
        return new WorkerHealthIndicator(eventRelay::healthReport);
    }

    /**
     * Idempotent, acknowledged by all in-sync replicas, one request in flight, uncompressed. One request in flight
     * keeps each partition's batches in order through retries, and lets {@link EventRelay} stop the producer at the
     * first failed batch before any later batch of the same partition is sent (see {@code EventRelay.publish}).
     * Short timeouts: a broker outage surfaces as a failed batch that is retried from the stored position, not as a
     * relay stuck for minutes.
     */
    static Supplier<Producer<String, byte[]>> producerFactory(KafkaProperties kafka) {
        return () -> {
            Map<String, Object> config = KafkaClients.config(kafka.buildProducerProperties(), "docket-relay");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            // No compression: any Kafka client reads the topic without extra codec libraries; events are small.
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
            return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        };
    }

}
