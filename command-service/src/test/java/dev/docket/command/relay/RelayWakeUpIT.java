package dev.docket.command.relay;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.TestKafka;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit wakes this instance's relay. The relay here looks on its own only every ten minutes, so the ticket's
 * events reach Kafka within the minute this test waits only because each command's commit woke it. It lingers a
 * second after each round it publishes, so the second command commits while the relay lingers: that wake-up must
 * be kept for after the linger, not lost.
 */
@TestPropertySource(properties = {"docket.relay.idle-poll=10m", "docket.relay.linger=1s"})
class RelayWakeUpIT extends CommandServiceTestBase {

    @Value("${docket.kafka.topic}")
    String topic;

    @Test
    void eachCommitWakesTheRelay() throws Exception {
        String ticket = openTicket("Woken");
        assertThat(send("PUT", "/api/tickets/" + ticket + "/priority", "{\"priority\":\"high\"}", "If-Match", "\"1\"")
                .statusCode()).isEqualTo(200);

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(TestKafka.bootstrapServers(), topic,
                all -> all.stream().filter(r -> ticket.equals(r.key())).count() == 2, Duration.ofSeconds(60));

        assertThat(records.stream().filter(r -> ticket.equals(r.key()))).hasSize(2);
    }
}
