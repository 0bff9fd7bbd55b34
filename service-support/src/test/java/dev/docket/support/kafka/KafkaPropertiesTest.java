package dev.docket.support.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaPropertiesTest {

    @Test
    void passThroughClientSettingsCanBeGivenAsEnvironmentVariables() {
        KafkaProperties properties = bind(Map.of(
                "DOCKET_KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093",
                "DOCKET_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "DOCKET_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512"));

        Map<String, Object> config = properties.clientConfig("docket-test");

        assertThat(config).containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.id", "docket-test");
    }

    @Test
    void defaultsToTheLocalBrokerAndTheTicketEventTopic() {
        KafkaProperties properties = bind(Map.of());
        assertThat(properties.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(properties.topic()).isEqualTo("docket.ticket-events");
        assertThat(properties.clientConfig("x")).containsOnlyKeys("bootstrap.servers", "client.id");
    }

    private static KafkaProperties bind(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        // Spring maps DOCKET_X_Y to docket.x.y only for the source named systemEnvironment: replace the real one.
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("docket.kafka", KafkaProperties.class);
    }
}
