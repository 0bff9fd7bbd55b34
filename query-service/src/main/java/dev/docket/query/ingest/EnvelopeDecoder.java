package dev.docket.query.ingest;

import dev.docket.events.DocketEvent;
import dev.docket.events.EventHeaders;
import dev.docket.events.EventTypes;
import dev.docket.events.privacy.PersonalData;
import dev.docket.events.privacy.SealedText;
import dev.docket.query.privacy.SealedFieldOpener;
import dev.docket.support.privacy.SealedFields;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads Kafka records of the event topic (CloudEvents binary mode) into envelopes, opening the sealed personal fields
 * with the keys the batch may use ({@link SealedFieldOpener}); a field whose key was destroyed reads as
 * {@link SealedText#ERASED}.
 */
final class EnvelopeDecoder {

    private final JsonMapper json;
    private final SealedFieldOpener opener;

    EnvelopeDecoder(JsonMapper json, SealedFieldOpener opener) {
        this.json = json;
        this.opener = opener;
    }

    /** A record read as far as its type and JSON tree. */
    private record Parsed(ConsumerRecord<String, byte[]> record, Class<? extends DocketEvent> eventClass,
                          JsonNode tree) {
    }

    /**
     * The records' envelopes, in order. A record that cannot be decoded throws {@link UndecodableEventException}; a
     * data key that cannot be had now throws a transient failure, so the batch is tried again.
     */
    List<EventEnvelope> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
        List<Parsed> parsed = records.stream().map(this::parse).toList();
        Set<UUID> keyIds = new HashSet<>();
        for (Parsed p : parsed) {
            PersonalData.of(p.eventClass()).ifPresent(personal -> keyIds.addAll(SealedFields.keyIds(personal, p.tree())));
        }
        Map<UUID, Optional<SecretKey>> keys = opener.keys(keyIds);
        return parsed.stream().map(p -> envelope(p, keys)).toList();
    }

    private Parsed parse(ConsumerRecord<String, byte[]> record) {
        try {
            String type = required(record, EventHeaders.TYPE);
            Class<? extends DocketEvent> eventClass = EventTypes.classOf(type)
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
            return new Parsed(record, eventClass, json.readTree(record.value()));
        } catch (RuntimeException e) {
            throw undecodable(record, e);
        }
    }

    private EventEnvelope envelope(Parsed parsed, Map<UUID, Optional<SecretKey>> keys) {
        ConsumerRecord<String, byte[]> record = parsed.record();
        try {
            Map<String, UUID> sealedWith = Map.of();
            Optional<PersonalData> personal = PersonalData.of(parsed.eventClass());
            if (personal.isPresent() && parsed.tree() instanceof ObjectNode node) {
                sealedWith = SealedFields.open(personal.get(), node, id -> keys.getOrDefault(id, Optional.empty()));
            }
            DocketEvent event = json.treeToValue(parsed.tree(), parsed.eventClass());
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
                    event,
                    sealedWith);
        } catch (RuntimeException e) {
            throw undecodable(record, e);
        }
    }

    private static UndecodableEventException undecodable(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        return new UndecodableEventException("cannot decode " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + ": " + e.getMessage(), e);
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
