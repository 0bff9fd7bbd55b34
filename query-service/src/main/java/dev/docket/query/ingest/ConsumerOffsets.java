package dev.docket.query.ingest;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.Optional;

/** The consumer's offsets, kept in PostgreSQL beside the read models. */
final class ConsumerOffsets {

    private final JdbcClient jdbc;
    private final String group;

    ConsumerOffsets(JdbcClient jdbc, String group) {
        this.jdbc = jdbc;
        this.group = group;
    }

    Optional<Long> nextOffset(TopicPartition partition) {
        return jdbc.sql("SELECT next_offset FROM consumer_offset WHERE consumer_group = ? AND topic = ? AND partition = ?")
                .params(group, partition.topic(), partition.partition())
                .query(Long.class).optional();
    }

    /** Must run in the transaction that applied the records below these offsets. */
    void save(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((partition, next) -> jdbc.sql("""
                        INSERT INTO consumer_offset (consumer_group, topic, partition, next_offset) VALUES (?, ?, ?, ?)
                        ON CONFLICT (consumer_group, topic, partition)
                        DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()""")
                .params(group, partition.topic(), partition.partition(), next)
                .update());
    }
}
