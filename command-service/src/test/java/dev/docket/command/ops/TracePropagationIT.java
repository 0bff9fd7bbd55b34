package dev.docket.command.ops;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.events.EventHeaders;
import dev.docket.testing.TestKafka;
import dev.docket.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's W3C trace context travels with what it causes: into the stored events' metadata and onto their
 * Kafka records as the {@code traceparent} header, where the query service continues the trace.
 */
class TracePropagationIT extends CommandServiceTestBase {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Value("${docket.kafka.topic}")
    String topic;

    @Test
    void theRequestsTraceReachesTheEventAndItsKafkaRecord() throws Exception {
        String requester = registerUser("requester");
        HttpResponse<String> opened = postJson("/api/tickets", "{\"title\":\"Traced\",\"requesterId\":\"" + requester
                + "\"}", "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String ticket = json(opened).get("id").asString();

        String metaData = new String(queryBytes("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = '"
                + ticket + "'"), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(metaData).get("traceparent").asString()).startsWith("00-" + TRACE_ID + "-");

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(TestKafka.bootstrapServers(), topic,
                all -> all.stream().anyMatch(r -> ticket.equals(r.key())), Duration.ofSeconds(60));
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> ticket.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(new String(record.headers().lastHeader(EventHeaders.TRACEPARENT).value(), StandardCharsets.UTF_8))
                .startsWith("00-" + TRACE_ID + "-");
        assertThat(opened.headers().firstValue("X-Correlation-Id")).isPresent();
    }

    private byte[] queryBytes(String sql) throws Exception {
        try (var c = database.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBytes(1);
        }
    }
}
