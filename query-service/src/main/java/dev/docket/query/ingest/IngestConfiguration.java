package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.TopicEnds;
import dev.docket.support.kafka.EventTopicProperties;
import dev.docket.support.kafka.KafkaClients;
import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import java.util.Properties;

/**
 * One listener container per live read-model generation, made by Boot's container factory (so every
 * {@code spring.kafka.consumer.*} and {@code spring.kafka.listener.*} setting applies), each in its own consumer
 * group: generation {@code n} consumes as {@code <group-id>-g<n>}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "docket.consumer", name = "enabled", havingValue = "true", matchIfMissing = true)
class IngestConfiguration {

    /** How long without records before the consumer stores its position past trailing transaction markers. */
    private static final long IDLE_INTERVAL_MS = 1_000;
    /**
     * Records per transaction at most while a generation is rebuilt. Larger batches write a ticket's row fewer
     * times, but what a batch holds (its records, their decoded events and rows) then outlives the young
     * generation, and the heap's full collections stop both consumers; with the query-only indexes deferred, a row
     * written again costs little, and 5,000 measured faster than 20,000 (BENCHMARKS.md, 2026-12-03).
     */
    private static final int REBUILD_BATCH = 5_000;
    /** Enough bytes per partition and fetch for such a batch (Kafka's default, 1 MB, stops near 1,200 records). */
    private static final int REBUILD_FETCH_BYTES = 4 * 1024 * 1024;

    @Bean
    ReadModelConsumers readModelConsumers(EventTopicProperties events, ConsumerProperties properties,
                                          ReadModelGenerations generations, Projectors projectors,
                                          TopicEnds topicEnds, ConcurrentKafkaListenerContainerFactory<?, ?> factory,
                                          KafkaProperties kafka) {
        return new ReadModelConsumers(generations,
                (generation, building, afterBatch) -> new GenerationConsumer(
                        projectors.create(generations.sqlFor(generation)), properties, listener -> {
                            ConcurrentMessageListenerContainer<?, ?> container = factory.createContainer(events.topic());
                            ContainerProperties settings = container.getContainerProperties();
                            settings.setGroupId(properties.groupId() + "-g" + generation);
                            settings.setClientId("docket-query-g" + generation);
                            settings.setMessageListener(listener);
                            settings.setIdleEventInterval(IDLE_INTERVAL_MS);
                            // Kafka's committed offsets are informational (the read models keep their own)
                            settings.setSyncCommits(false);
                            if (building) {
                                // a rebuild is not latency-bound: larger transactions, fewer of them
                                Properties large = new Properties();
                                large.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                        Integer.toString(REBUILD_BATCH));
                                large.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                                        Integer.toString(REBUILD_FETCH_BYTES));
                                settings.setKafkaConsumerProperties(large);
                                container.setConcurrency(properties.rebuildConcurrency());
                            }
                            container.setBeanName("docket-query-g" + generation);
                            return container;
                        }, building, afterBatch),
                () -> Admin.create(KafkaClients.config(kafka.buildAdminProperties(), "docket-query-admin")),
                events.topic(),
                topicEnds);
    }

    /** The {@code consumer} health component. */
    @Bean
    WorkerHealthIndicator consumerHealthIndicator(ReadModelConsumers readModelConsumers) {
        return new WorkerHealthIndicator(readModelConsumers::healthReport);
    }
}
