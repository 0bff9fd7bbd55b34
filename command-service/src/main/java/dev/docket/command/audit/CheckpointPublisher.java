package dev.docket.command.audit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes signed checkpoints of the chain heads. Each step, in one transaction holding an advisory lock (so one
 * instance publishes at a time): reads the events after the last checkpoint up to what the relay has published
 * (which is settled: no transaction can still commit below it), publishes their aggregates' heads, waits for
 * Kafka's acknowledgement, then records how far it got. A crash after the acknowledgement re-publishes the same
 * span under the same sequence number; verification takes either.
 */
final class CheckpointPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** First key of the publisher's advisory lock: "DKTC". */
    private static final int LOCK_NAMESPACE = 0x444B5443;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Map<String, Object> adminConfig;
    private final CheckpointProperties properties;
    private final PrivateKey signingKey;
    private final String relayName;
    private Producer<String, byte[]> producer;
    private boolean topicReady;

    CheckpointPublisher(JdbcClient jdbc, TransactionTemplate transactions, Supplier<Producer<String, byte[]>> producers,
                        Map<String, Object> adminConfig, CheckpointProperties properties, String relayName) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producers = producers;
        this.adminConfig = adminConfig;
        this.properties = properties;
        this.signingKey = CheckpointKeys.privateKey(properties.signingKey());
        this.relayName = relayName;
    }

    /** Every {@code docket.checkpoints.interval}: the spans reached since the last checkpoint, a backlog at once. */
    @Scheduled(fixedDelayString = "${docket.checkpoints.interval:60s}")
    synchronized void publish() {
        try {
            ensureTopic();
            while (publishNext() == properties.maxEvents()) {
                // a backlog: the next span at once
            }
        } catch (Exception e) {
            log.warn("Publishing an audit checkpoint failed; retrying in {}: {}", properties.interval(), e.toString());
            closeProducer();
        }
    }

    @Override
    public synchronized void destroy() {
        closeProducer();
    }

    /** Publishes the next span, if any; answers how many events it covered. */
    int publishNext() {
        Integer covered = transactions.execute(status -> {
            if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?, 0)").param(LOCK_NAMESPACE).query(Boolean.class).single()) {
                return 0;
            }
            State state = jdbc.sql("""
                            SELECT last_tx_id::text, last_global_index, sequence, digest
                            FROM audit_checkpoint_state WHERE id = 1 FOR UPDATE""")
                    .query((rs, n) -> new State(new Checkpoint.Position(Long.parseLong(rs.getString(1)), rs.getLong(2)),
                            rs.getLong(3), rs.getString(4)))
                    .single();
            Optional<Checkpoint.Position> published = jdbc.sql(
                            "SELECT last_tx_id::text, last_global_index FROM relay_position WHERE relay_name = ?")
                    .param(relayName)
                    .query((rs, n) -> new Checkpoint.Position(Long.parseLong(rs.getString(1)), rs.getLong(2)))
                    .optional();
            if (published.isEmpty()) {
                return 0;
            }
            List<Row> rows = jdbc.sql("""
                            SELECT tx_id::text, global_index, aggregate_identifier, sequence_number, meta_data
                            FROM domain_event_entry
                            WHERE (tx_id, global_index) > (?::xid8, ?) AND (tx_id, global_index) <= (?::xid8, ?)
                            ORDER BY tx_id, global_index LIMIT ?""")
                    .params(Long.toString(state.position().txId()), state.position().globalIndex(),
                            Long.toString(published.get().txId()), published.get().globalIndex(), properties.maxEvents())
                    .query((rs, n) -> new Row(new Checkpoint.Position(Long.parseLong(rs.getString(1)), rs.getLong(2)),
                            rs.getString(3), rs.getLong(4), ChainLink.hashIn(rs.getBytes(5))))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            Map<String, Checkpoint.Head> heads = new LinkedHashMap<>();
            for (Row row : rows) {
                heads.merge(row.aggregateId(), new Checkpoint.Head(row.aggregateId(), row.sequenceNumber(), row.hash()),
                        (a, b) -> a.sequenceNumber() >= b.sequenceNumber() ? a : b);
            }
            Checkpoint.Position to = rows.getLast().position();
            Checkpoint checkpoint = new Checkpoint(1, state.sequence() + 1, state.digest(), Instant.now(),
                    state.position(), to, rows.size(), new ArrayList<>(heads.values()));
            byte[] content = JSON.writeValueAsBytes(checkpoint);
            send(content);
            jdbc.sql("""
                            UPDATE audit_checkpoint_state
                            SET last_tx_id = ?::xid8, last_global_index = ?, sequence = ?, digest = ?, updated_at = now()
                            WHERE id = 1""")
                    .params(Long.toString(to.txId()), to.globalIndex(), checkpoint.sequence(), digest(content))
                    .update();
            return rows.size();
        });
        return covered == null ? 0 : covered;
    }

    private void send(byte[] content) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(), "checkpoint", content);
        record.headers().add(Checkpoint.SIGNATURE_HEADER,
                Base64.getEncoder().encode(CheckpointKeys.sign(signingKey, content)));
        if (producer == null) {
            producer = producers.get();
        }
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a checkpoint", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the checkpoint", e);
        }
    }

    /** One partition (one order), kept forever, never compacted. */
    private void ensureTopic() throws Exception {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            try {
                admin.createTopics(List.of(new NewTopic(properties.topic(), Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))))
                        .all().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        topicReady = true;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    static String digest(byte[] content) {
        return HexFormat.of().formatHex(ChainLink.sha256().digest(content));
    }

    private record State(Checkpoint.Position position, long sequence, String digest) {
    }

    private record Row(Checkpoint.Position position, String aggregateId, long sequenceNumber, String hash) {
    }
}
