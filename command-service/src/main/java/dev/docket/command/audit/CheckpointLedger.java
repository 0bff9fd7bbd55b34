package dev.docket.command.audit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every checkpoint from the topic and keeps, per aggregate, the newest head a correctly signed checkpoint
 * vouches for. One head per aggregate is enough: a chain that recomputes to the signed hash at sequence n proves
 * every event up to n unchanged. Checkpoints with a missing or wrong signature vouch for nothing and are reported.
 */
final class CheckpointLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What the checkpoints vouch for.
     *
     * @param signed the correctly signed checkpoints as published, by sequence number (an export carries them)
     */
    record Anchors(Map<String, Anchor> heads, int checkpoints, long lastSequence, Instant lastCreatedAt,
                   int badSignatures, List<String> problems, Map<Long, Signed> signed) {

        static Anchors none(String problem) {
            return new Anchors(Map.of(), 0, 0, null, 0, List.of(problem), Map.of());
        }
    }

    /** A checkpoint's exact bytes and its signature (base64), as published. */
    record Signed(byte[] body, String signature) {
    }

    /** The newest signed head of one aggregate. */
    record Anchor(long sequenceNumber, String hash, long checkpoint) {
    }

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final PublicKey publicKey;

    CheckpointLedger(Map<String, Object> consumerConfig, String topic, PublicKey publicKey) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.topic = topic;
        this.publicKey = publicKey;
    }

    Anchors read() {
        try (Consumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return Anchors.none("no checkpoint has been published yet (topic " + topic + " is missing)");
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, READ_TIMEOUT);
            Map<String, Anchor> heads = new HashMap<>();
            Map<Long, Signed> signed = new HashMap<>();
            List<String> problems = new ArrayList<>();
            int checkpoints = 0;
            int badSignatures = 0;
            long lastSequence = 0;
            Instant lastCreatedAt = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the checkpoint topic " + topic + " timed out");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header signature = record.headers().lastHeader(Checkpoint.SIGNATURE_HEADER);
                    if (signature == null || !CheckpointKeys.verify(publicKey, record.value(),
                            Base64.getDecoder().decode(signature.value()))) {
                        problems.add("the checkpoint at offset " + record.offset() + " has no valid signature");
                        badSignatures++;
                        continue;
                    }
                    Checkpoint checkpoint = JSON.readValue(record.value(), Checkpoint.class);
                    signed.putIfAbsent(checkpoint.sequence(), new Signed(record.value(),
                            new String(signature.value(), java.nio.charset.StandardCharsets.US_ASCII)));
                    checkpoints++;
                    lastSequence = Math.max(lastSequence, checkpoint.sequence());
                    lastCreatedAt = checkpoint.createdAt();
                    for (Checkpoint.Head head : checkpoint.heads()) {
                        heads.merge(head.aggregateId(), new Anchor(head.sequenceNumber(), head.hash(),
                                        checkpoint.sequence()),
                                (a, b) -> a.sequenceNumber() >= b.sequenceNumber() ? a : b);
                    }
                }
            }
            return new Anchors(heads, checkpoints, lastSequence, lastCreatedAt, badSignatures, problems, signed);
        }
    }
}
