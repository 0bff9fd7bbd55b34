package dev.docket.command.relay;

import dev.docket.command.privacy.PersonalTexts;
import dev.docket.events.EventHeaders;
import dev.docket.events.EventTypes;
import dev.docket.events.MetadataKeys;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * Turns a stored event into a Kafka record: CloudEvents binary mode, the event's JSON as value, the ticket id as
 * key. An event whose class or revision the contract does not know is a defect and stops the relay rather than
 * being skipped or published under a wrong type.
 */
final class EventRecordMapper {

    private final JsonMapper json = JsonMapper.builder().build();
    private final String topic;
    private final String source;
    private final PersonalTexts personalTexts;

    /** @param personalTexts opens the personal fields of events stored under an earlier, clear version */
    EventRecordMapper(String topic, String source, PersonalTexts personalTexts) {
        this.topic = topic;
        this.source = source;
        this.personalTexts = personalTexts;
    }

    String topic() {
        return topic;
    }

    ProducerRecord<String, byte[]> toRecord(StoredEvent event) {
        String type = EventTypes.typeOfStored(event.payloadType(), event.payloadRevision())
                .orElseThrow(() -> new IllegalStateException("event " + event.eventId() + " has type "
                        + event.payloadType() + " revision " + event.payloadRevision()
                        + ", which the event contract does not define"));
        RecordHeaders headers = new RecordHeaders();
        add(headers, EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE);
        add(headers, EventHeaders.ID, event.eventId());
        add(headers, EventHeaders.SOURCE, source);
        add(headers, EventHeaders.TYPE, type);
        add(headers, EventHeaders.SUBJECT, event.aggregateId());
        add(headers, EventHeaders.TIME, event.timestamp());
        add(headers, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
        add(headers, EventHeaders.DATA_SCHEMA, EventTypes.schemaOf(type).toString());
        add(headers, EventHeaders.SUBJECT_VERSION, Long.toString(event.sequenceNumber() + 1));
        add(headers, EventHeaders.POSITION, Long.toString(event.position().globalIndex()));
        if (event.metaData() != null) {
            JsonNode metaData = json.readTree(event.metaData());
            addIfPresent(headers, EventHeaders.ACTOR, metaData, MetadataKeys.ACTOR);
            addIfPresent(headers, EventHeaders.CORRELATION_ID, metaData, MetadataKeys.CORRELATION_ID);
            addIfPresent(headers, EventHeaders.CAUSATION_ID, metaData, MetadataKeys.CAUSATION_ID);
            addIfPresent(headers, EventHeaders.TRACEPARENT, metaData, MetadataKeys.TRACEPARENT);
            addIfPresent(headers, EventHeaders.TRACESTATE, metaData, MetadataKeys.TRACESTATE);
        }
        // The current versions carry personal fields sealed, as stored; an event stored under an earlier revision
        // is published as that version promised: clear.
        boolean current = type.equals(EventTypes.typeOfClassName(event.payloadType()).orElse(type));
        byte[] payload = current ? event.payload() : personalTexts.open(event.payloadType(), event.payload());
        return new ProducerRecord<>(topic, null, event.aggregateId(), payload, headers);
    }

    private static void addIfPresent(RecordHeaders headers, String header, JsonNode metaData, String key) {
        JsonNode value = metaData.get(key);
        if (value != null && !value.isNull()) {
            add(headers, header, value.asString());
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
