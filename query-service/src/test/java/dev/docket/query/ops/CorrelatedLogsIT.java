package dev.docket.query.ops;

import dev.docket.events.TicketId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projector logs each event under the correlation id of the command that caused it (from the Kafka header). */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.dev.docket.query.ingest.Projector=DEBUG")
class CorrelatedLogsIT extends QueryServiceTestBase {

    @Test
    void projectorLinesCarryTheCommandsCorrelationId(CapturedOutput output) throws Exception {
        TicketId ticket = new TicketId(UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        events.send(ContractRecords.record(topic, eventId, ContractRecords.opened(ticket, "LOG-000001", "Logged"), 1, 1,
                Instant.now()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("[corr-" + eventId + "]"))
                .filter(line -> line.contains("APPLIED TicketOpened v1 of " + ticket)))
                .hasSize(1));
    }
}
