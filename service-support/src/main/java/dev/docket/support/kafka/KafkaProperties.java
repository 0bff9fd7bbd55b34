package dev.docket.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the ticket events live in Kafka.
 *
 * @param bootstrapServers the brokers to contact first, {@code host:port[,host:port...]}
 * @param topic            the ticket event topic
 * @param properties       further Kafka client settings passed as they are (for example
 *                         {@code security.protocol}, {@code sasl.mechanism}); they apply to every client
 */
@ConfigurationProperties("docket.kafka")
public record KafkaProperties(String bootstrapServers, String topic, Map<String, String> properties) {

    public KafkaProperties {
        bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? "127.0.0.1:9092" : bootstrapServers;
        topic = topic == null || topic.isBlank() ? "docket.ticket-events" : topic;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Settings every client starts from: the bootstrap servers plus the pass-through properties. */
    public Map<String, Object> clientConfig(String clientId) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", clientId);
        return config;
    }
}
