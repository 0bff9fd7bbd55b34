package dev.docket.query.ingest;

import dev.docket.support.kafka.KafkaProperties;
import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "docket.consumer", name = "enabled", havingValue = "true", matchIfMissing = true)
class IngestConfiguration {

    @Bean
    TicketEventConsumer ticketEventConsumer(KafkaProperties kafka, ConsumerProperties properties, JdbcClient jdbc,
                                            PlatformTransactionManager transactionManager, List<Projection> projections) {
        return new TicketEventConsumer(
                () -> {
                    Map<String, Object> config = kafka.clientConfig("docket-query");
                    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
                    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
                    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
                },
                () -> Admin.create(kafka.clientConfig("docket-query-admin")),
                kafka.topic(),
                new TransactionTemplate(transactionManager),
                new ConsumerOffsets(jdbc, properties.groupId()),
                new EnvelopeDecoder(),
                projections,
                properties);
    }

    /** The {@code consumer} health component. */
    @Bean
    WorkerHealthIndicator consumerHealthIndicator(TicketEventConsumer ticketEventConsumer) {
        return new WorkerHealthIndicator(ticketEventConsumer::healthReport);
    }
}
