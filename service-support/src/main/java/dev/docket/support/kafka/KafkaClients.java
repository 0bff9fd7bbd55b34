package dev.docket.support.kafka;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;

/** Settings of one Kafka client: Boot's for its kind ({@code spring.kafka.*}), under a client id of its own. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * @param boot for example {@code KafkaProperties.buildProducerProperties()}
     * @return a copy, to add to
     */
    public static Map<String, Object> config(Map<String, Object> boot, String clientId) {
        Map<String, Object> config = new HashMap<>(boot);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
