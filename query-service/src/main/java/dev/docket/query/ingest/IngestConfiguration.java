package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.TopicEnds;
import dev.docket.support.kafka.KafkaProperties;
import dev.docket.support.kafka.MeteredKafkaConsumer;
import dev.docket.support.worker.WorkerHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "docket.consumer", name = "enabled", havingValue = "true", matchIfMissing = true)
class IngestConfiguration {

    @Bean
    ReadModelConsumers readModelConsumers(KafkaProperties kafka, ConsumerProperties properties,
                                          ReadModelGenerations generations, Projectors projectors,
                                          TopicEnds topicEnds, ObjectProvider<MeterRegistry> meters) {
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        return new ReadModelConsumers(generations, projectors,
                generation -> () -> {
                    Map<String, Object> config = kafka.clientConfig("docket-query-g" + generation);
                    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId() + "-g" + generation);
                    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
                    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                    return new MeteredKafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer(),
                            registry);
                },
                () -> Admin.create(kafka.clientConfig("docket-query-admin")),
                kafka.topic(),
                properties,
                topicEnds);
    }

    /** The {@code consumer} health component. */
    @Bean
    WorkerHealthIndicator consumerHealthIndicator(ReadModelConsumers readModelConsumers) {
        return new WorkerHealthIndicator(readModelConsumers::healthReport);
    }
}
