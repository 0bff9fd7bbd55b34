package dev.docket.query.ops;

import dev.docket.events.EventHeaders;
import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projector logs each event under the correlation id and in the trace of the command that caused it (from the
 * record's {@code ce_correlationid} and {@code traceparent} headers).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.dev.docket.query.ingest.Projector=DEBUG")
class CorrelatedLogsIT extends QueryServiceTestBase {

    @Test
    void projectorLinesCarryTheCommandsCorrelationId(CapturedOutput output) throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        ProducerRecord<String, byte[]> record = ContractRecords.record(topic, eventId,
                ContractRecords.opened(ticket, "LOG-000001", "Logged"), 1, 1, Instant.now());
        record.headers().add(EventHeaders.TRACEPARENT, ("00-" + traceId + "-b7ad6b7169203331-01")
                .getBytes(StandardCharsets.UTF_8));
        events.send(record);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("[corr-" + eventId + "] [" + traceId + "]"))
                .filter(line -> line.contains("APPLIED TicketOpened v1 of " + ticket)))
                .hasSize(1));
    }
}
