package dev.docket.query.ingest;

import dev.docket.events.DocketEvent;
import dev.docket.events.EventHeaders;
import dev.docket.events.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Reads a Kafka record of the event topic (CloudEvents binary mode) into an envelope. */
final class EnvelopeDecoder {

    private final JsonMapper json;

    EnvelopeDecoder(JsonMapper json) {
        this.json = json;
    }

    EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        try {
            String type = required(record, EventHeaders.TYPE);
            Class<? extends DocketEvent> eventClass = EventTypes.classOf(type)
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
            DocketEvent event = json.readValue(record.value(), eventClass);
            String subject = required(record, EventHeaders.SUBJECT);
            if (!event.subject().equals(subject) || !subject.equals(record.key())) {
                throw new IllegalArgumentException("key, subject and payload name different subjects");
            }
            return new EventEnvelope(
                    required(record, EventHeaders.ID),
                    UUID.fromString(subject),
                    Long.parseLong(required(record, EventHeaders.SUBJECT_VERSION)),
                    Long.parseLong(required(record, EventHeaders.POSITION)),
                    Instant.parse(required(record, EventHeaders.TIME)),
                    optional(record, EventHeaders.ACTOR),
                    optional(record, EventHeaders.CORRELATION_ID),
                    optional(record, EventHeaders.CAUSATION_ID),
                    event);
        } catch (RuntimeException e) {
            throw new UndecodableEventException("cannot decode " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e.getMessage(), e);
        }
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        String value = optional(record, name);
        if (value == null) {
            throw new IllegalArgumentException("missing header " + name);
        }
        return value;
    }

    private static String optional(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
