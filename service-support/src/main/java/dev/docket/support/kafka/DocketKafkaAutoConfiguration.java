package dev.docket.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Kafka settings and the {@code kafka} health contributor. */
@AutoConfiguration
@EnableConfigurationProperties(KafkaProperties.class)
public class DocketKafkaAutoConfiguration {

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
        return new KafkaHealthIndicator(properties);
    }
}
