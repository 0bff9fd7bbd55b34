package dev.docket.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ticket events live in Kafka. How to reach Kafka (brokers, TLS, SASL, further client settings) is Boot's
 * {@code spring.kafka.*}.
 *
 * @param topic the ticket event topic
 */
@ConfigurationProperties("docket.kafka")
public record EventTopicProperties(String topic) {

    public EventTopicProperties {
        topic = topic == null || topic.isBlank() ? "docket.ticket-events" : topic;
    }
}
