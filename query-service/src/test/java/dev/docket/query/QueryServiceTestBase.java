package dev.docket.query;

import dev.docket.testing.DocketServiceTest;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The whole query service on a random port with its own database and topic on real PostgreSQL and Kafka. The
 * topic is created here as the relay would create it.
 */
@DocketServiceTest
@TestPropertySource(properties = "docket.consumer.retry-backoff=200ms")
public abstract class QueryServiceTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected PostgresDatabase database;
    @Value("${docket.kafka.topic}")
    protected String topic;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected ContractRecords events;

    @BeforeEach
    void topicAndProducer() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        events = new ContractRecords(TestKafka.bootstrapServers(), topic);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
