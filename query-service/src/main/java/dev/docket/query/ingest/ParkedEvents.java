package dev.docket.query.ingest;

import dev.docket.events.EventHeaders;
import dev.docket.query.readmodel.ReadModelSql;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The dead letters of one generation ({@code parked_event}): records kept whole, in order per subject. */
final class ParkedEvents {

    /** A parked record as operators see it. */
    record Parked(long id, @Nullable UUID subjectId, @Nullable Long version, @Nullable String eventId,
                  @Nullable String eventType, String topic,
                  int partition, long offset, String error, int attempts, Instant parkedAt, Instant lastAttemptAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, subject_id, version, event_id, event_type, topic, partition, "
            + "record_offset, error, attempts, parked_at, last_attempt_at";

    private ParkedEvents() {
    }

    /**
     * Parks {@code record} and counts it in its subject's progress; its subject's later events will wait behind it.
     * A record parked before (the same partition and offset, read again after a rewind) is not parked twice.
     */
    static void park(ReadModelSql sql, ConsumerRecord<String, byte[]> record, String error, int attempts) {
        UUID subject = subjectOf(record).orElse(null);
        if (insert(sql, record, subject, error, attempts) && subject != null) {
            SubjectProgress.addParked(sql, subject);
        }
    }

    /**
     * Parks {@code record} without counting it in its subject's progress (the caller does).
     *
     * @return whether it was newly parked
     */
    static boolean insert(ReadModelSql sql, ConsumerRecord<String, byte[]> record, UUID subject, String error,
                          int attempts) {
        return sql.sql("""
                        INSERT INTO {rm}.parked_event (subject_id, version, event_id, event_type, topic, partition,
                                                       record_offset, record_key, headers, payload, error, attempts)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                        ON CONFLICT (topic, partition, record_offset) DO NOTHING""")
                .params(subject, versionOf(record).orElse(null), header(record, EventHeaders.ID),
                        header(record, EventHeaders.TYPE), record.topic(), record.partition(), record.offset(),
                        record.key(), JSON.writeValueAsString(headers(record)), record.value(), error, attempts)
                .update() == 1;
    }

    static List<Parked> list(ReadModelSql sql, long afterId, int limit) {
        return sql.sql("SELECT " + COLUMNS + " FROM {rm}.parked_event WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query((rs, n) -> new Parked(rs.getLong("id"),
                        rs.getObject("subject_id", UUID.class), (Long) rs.getObject("version"),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getString("topic"),
                        rs.getInt("partition"), rs.getLong("record_offset"), rs.getString("error"),
                        rs.getInt("attempts"), rs.getTimestamp("parked_at").toInstant(),
                        rs.getTimestamp("last_attempt_at").toInstant()))
                .list();
    }

    static List<UUID> subjects(ReadModelSql sql, int limit) {
        return sql.sql("SELECT DISTINCT subject_id FROM {rm}.parked_event WHERE subject_id IS NOT NULL ORDER BY 1 LIMIT ?")
                .param(limit).query(UUID.class).list();
    }

    /** The subject's parked records in the order they must be applied, locked for the retry. */
    static List<Map.Entry<Long, ConsumerRecord<String, byte[]>>> forRetry(ReadModelSql sql, UUID subject) {
        return sql.sql("""
                        SELECT id, topic, partition, record_offset, record_key, headers::text AS headers, payload
                        FROM {rm}.parked_event WHERE subject_id = ? ORDER BY version NULLS LAST, id FOR UPDATE""")
                .param(subject)
                .query((rs, n) -> Map.entry(rs.getLong("id"), record(rs.getString("topic"), rs.getInt("partition"),
                        rs.getLong("record_offset"), rs.getString("record_key"), rs.getString("headers"),
                        rs.getBytes("payload"))))
                .list();
    }

    static void delete(ReadModelSql sql, long id) {
        sql.sql("DELETE FROM {rm}.parked_event WHERE id = ?").param(id).update();
    }

    static void failedAgain(ReadModelSql sql, long id, String error) {
        sql.sql("UPDATE {rm}.parked_event SET error = ?, attempts = attempts + 1, last_attempt_at = now() WHERE id = ?")
                .params(error, id).update();
    }

    static long count(ReadModelSql sql) {
        return sql.sql("SELECT count(*) FROM {rm}.parked_event").query(Long.class).single();
    }

    static Optional<UUID> subjectOf(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(UUID.fromString(record.key()));
        } catch (RuntimeException notAUuid) {
            return Optional.empty();
        }
    }

    private static Optional<Long> versionOf(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(Long.parseLong(header(record, EventHeaders.SUBJECT_VERSION)));
        } catch (RuntimeException missingOrMalformed) {
            return Optional.empty();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, String key,
                                                         String headersJson, byte[] payload) {
        RecordHeaders headers = new RecordHeaders();
        JSON.readValue(headersJson, new TypeReference<Map<String, String>>() { }).forEach((name, value) ->
                headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, payload, headers, Optional.empty());
    }
}
