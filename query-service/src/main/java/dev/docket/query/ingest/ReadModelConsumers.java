package dev.docket.query.ingest;

import dev.docket.query.readmodel.Generation;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.query.readmodel.TopicEnds;
import dev.docket.support.worker.BackgroundWorker;
import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs one consumer per live generation: the active one, and a building one while a rebuild runs. Every second it
 * follows the registry (so a rebuild started or finished by any instance reaches this one), and switches a building
 * generation over once it holds at least what the active one holds in every partition of the topic, and all of any
 * partition the active one has not read yet ({@link TopicEnds#caughtUp}). The building generation's
 * consumer then simply goes on as the active one's; the retired generation's consumer stops.
 */
final class ReadModelConsumers extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConsumers.class);

    private final ReadModelGenerations generations;
    private final Projectors projectors;
    private final Function<Integer, Supplier<Consumer<String, byte[]>>> consumersForGeneration;
    private final Supplier<Admin> admins;
    private final String topic;
    private final ConsumerProperties properties;
    private final TopicEnds topicEnds;
    private final Map<Integer, TicketEventConsumer> running = new ConcurrentHashMap<>();
    /** The registry as the last reconciliation read it. */
    private volatile List<Generation> lastSeen = List.of();

    ReadModelConsumers(ReadModelGenerations generations, Projectors projectors,
                       Function<Integer, Supplier<Consumer<String, byte[]>>> consumersForGeneration,
                       Supplier<Admin> admins, String topic, ConsumerProperties properties, TopicEnds topicEnds) {
        super("read-model-consumers", Duration.ofSeconds(30));
        this.generations = generations;
        this.projectors = projectors;
        this.consumersForGeneration = consumersForGeneration;
        this.admins = admins;
        this.topic = topic;
        this.properties = properties;
        this.topicEnds = topicEnds;
    }

    @Override
    protected void work() {
        try (Admin admin = admins.get()) {
            while (!isStopping()) {
                refreshTopicEnds(admin);
                try {
                    reconcile();
                } catch (RuntimeException e) {
                    log.warn("Cannot follow the read-model generations: {}", e.toString());
                }
                pause(Duration.ofSeconds(1));
            }
        }
        running.values().forEach(TicketEventConsumer::stop);
        running.clear();
    }

    /** Starts and stops consumers to match the registry; switches over a caught-up rebuild. */
    synchronized void reconcile() {
        List<Generation> seen = generations.refresh();
        Optional<Generation> building = ReadModelGenerations.building(seen).filter(g -> caughtUp(g.number()));
        if (building.isPresent()) {
            try {
                seen = generations.activate(building.get().number());
                log.info("Rebuild of the read models finished: generation {} now serves", building.get().number());
            } catch (IllegalStateException alreadySwitched) {
                seen = generations.refresh(); // another instance switched first
            }
        }
        lastSeen = seen;
        Map<Integer, Generation> live = seen.stream()
                .filter(g -> g.state() != Generation.State.RETIRED)
                .collect(Collectors.toMap(Generation::number, g -> g));
        for (Integer number : Set.copyOf(running.keySet())) {
            if (!live.containsKey(number)) {
                running.remove(number).stop();
                log.info("Stopped consuming into generation {}: it no longer serves", number);
            }
        }
        for (Integer number : live.keySet()) {
            running.computeIfAbsent(number, n -> {
                TicketEventConsumer consumer = new TicketEventConsumer(consumersForGeneration.apply(n), admins, topic,
                        projectors.create(generations.sqlFor(n)), properties);
                consumer.start();
                return consumer;
            });
        }
    }

    /** The partitions of the topic and their offsets, for the lag and the switch; kept as they were if Kafka is away. */
    private void refreshTopicEnds(Admin admin) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(2, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> first = offsets(admin, partitions, OffsetSpec.earliest());
            KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> end = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> firsts = first.get(2, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = end.get(2, TimeUnit.SECONDS);
            topicEnds.update(partitions.stream().collect(Collectors.toMap(TopicPartition::partition,
                    p -> new TopicEnds.Range(firsts.get(p).offset(), ends.get(p).offset()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Cannot read the offsets of topic {} (yet): {}", topic, e.toString());
        }
    }

    /** Asks for one kind of offset of every partition; both kinds are asked for before either answer is awaited. */
    private static KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> offsets(Admin admin,
                                                                                   List<TopicPartition> partitions,
                                                                                   OffsetSpec spec) {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all();
    }

    /** Whether the building generation may serve: see {@link TopicEnds#caughtUp}. */
    private boolean caughtUp(int buildingGeneration) {
        TicketEventConsumer builder = running.get(buildingGeneration);
        if (builder == null || builder.status().state() != TicketEventConsumer.State.CONSUMING) {
            return false;
        }
        return TopicEnds.caughtUp(nextOffsets(generations.active()),
                nextOffsets(generations.sqlFor(buildingGeneration)), topicEnds.partitions());
    }

    private Map<Integer, Long> nextOffsets(ReadModelSql generation) {
        Map<Integer, Long> offsets = new HashMap<>();
        generation.sql("SELECT partition, next_offset FROM {rm}.consumer_offset WHERE topic = ?").param(topic)
                .query(rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                });
        return offsets;
    }

    Optional<TicketEventConsumer> consumerOf(int generation) {
        return Optional.ofNullable(running.get(generation));
    }

    /** UP while the active generation's consumer applies what arrives. */
    WorkerHealthIndicator.Report healthReport() {
        int active = generations.active().generation();
        TicketEventConsumer consumer = running.get(active);
        if (consumer == null) {
            return new WorkerHealthIndicator.Report(false, Map.of("state", "STARTING", "generation", active));
        }
        WorkerHealthIndicator.Report report = consumer.healthReport();
        Map<String, Object> details = new LinkedHashMap<>(report.details());
        details.put("generation", active);
        ReadModelGenerations.building(lastSeen).ifPresent(g -> details.put("rebuilding", Map.of("generation", g.number(),
                "state", consumerOf(g.number()).map(c -> c.status().state().name()).orElse("STARTING"))));
        return new WorkerHealthIndicator.Report(report.up(), details);
    }
}
