package dev.docket.query.ingest;

import dev.docket.query.readmodel.ConsumerOffsets;
import dev.docket.query.readmodel.Generation;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.TopicEnds;
import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs one consumer per live generation: the active one, and a building one while a rebuild runs. Every second it
 * follows the registry (so a rebuild started or finished by any instance reaches this one), and switches a building
 * generation over once it holds at least what the active one holds in every partition of the topic, and all of any
 * partition the active one has not read yet ({@link TopicEnds#caughtUp}). The building generation's
 * consumer then simply goes on as the active one's; the retired generation's consumer stops.
 */
final class ReadModelConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConsumers.class);

    private final ReadModelGenerations generations;
    private final ConsumerFactory consumerForGeneration;
    /** Held while the registry is followed; the building consumer only tries it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Supplier<Admin> admins;
    private final String topic;
    private final TopicEnds topicEnds;
    private final Map<Integer, GenerationConsumer> running = new ConcurrentHashMap<>();
    /** The registry as the last reconciliation read it. */
    private volatile List<Generation> lastSeen = List.of();
    private volatile boolean started;
    private @Nullable Admin admin;

    /** Makes the (not yet started) consumer of a generation. */
    @FunctionalInterface
    interface ConsumerFactory {

        /**
         * @param building   whether the generation is being rebuilt (it reads in large batches: not latency-bound)
         * @param afterBatch run on the consumer's thread after each applied batch
         */
        GenerationConsumer create(int generation, boolean building, Runnable afterBatch);
    }

    ReadModelConsumers(ReadModelGenerations generations, ConsumerFactory consumerForGeneration,
                       Supplier<Admin> admins, String topic, TopicEnds topicEnds) {
        this.generations = generations;
        this.consumerForGeneration = consumerForGeneration;
        this.admins = admins;
        this.topic = topic;
        this.topicEnds = topicEnds;
    }

    @Override
    public void start() {
        locked(() -> {
            started = true;
            admin = admins.get();
            follow();
        });
    }

    /** Stops every consumer, each after the batch it is applying. */
    @Override
    public void stop() {
        locked(() -> {
            started = false;
            running.values().forEach(GenerationConsumer::stop);
            running.clear();
            if (admin != null) {
                admin.close();
                admin = null;
            }
        });
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** After the web server has stopped taking requests: requests that wait for a version are answered first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** Each second: the topic's offsets, then the registry. */
    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
    void follow() {
        locked(() -> {
            if (!started) {
                return;
            }
            refreshTopicEnds(Objects.requireNonNull(admin));
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("Cannot follow the read-model generations: {}", e.toString());
            }
        });
    }

    /** Starts and stops consumers to match the registry; switches over a caught-up rebuild. */
    void reconcile() {
        locked(() -> {
            List<Generation> seen = switchIfCaughtUp();
            lastSeen = seen;
            Map<Integer, Generation> live = seen.stream()
                    .filter(g -> g.state() != Generation.State.RETIRED)
                    .collect(Collectors.toMap(Generation::number, g -> g));
            stopRetired(live.keySet(), -1);
            if (!started) {
                return;
            }
            for (Integer number : live.keySet()) {
                running.computeIfAbsent(number, n -> {
                    boolean building = live.get(n).state() == Generation.State.BUILDING;
                    GenerationConsumer consumer = consumerForGeneration.create(n, building,
                            building ? () -> afterRebuildBatch(n) : () -> { });
                    consumer.start();
                    return consumer;
                });
            }
        });
    }

    /** Stops the consumers of generations no longer live, other than {@code except}'s (stopped by its own thread). */
    private void stopRetired(Set<Integer> live, int except) {
        for (Integer number : Set.copyOf(running.keySet())) {
            if (!live.contains(number) && number != except) {
                running.remove(number).stop();
                log.info("Stopped consuming into generation {}: it no longer serves", number);
            }
        }
    }

    private void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The registry, after switching over a building generation that has caught up (first building the indexes it
     * went without, and then only if no event came meanwhile: else at a later check). The consumer of the active
     * generation (switched here or by another instance) serves: it no longer replays.
     */
    private List<Generation> switchIfCaughtUp() {
        List<Generation> seen = generations.refresh();
        Optional<Generation> building = ReadModelGenerations.building(seen).filter(g -> caughtUp(g.number()));
        if (building.isPresent() && generations.buildQueryIndexes(building.get().number())) {
            // events that came while the indexes were built are applied first
            building = building.filter(g -> caughtUp(g.number()));
        }
        if (building.isPresent()) {
            try {
                seen = generations.activate(building.get().number());
                log.info("Rebuild of the read models finished: generation {} now serves", building.get().number());
            } catch (IllegalStateException notNow) {
                seen = generations.refresh(); // another instance switched first, or the indexes are to build again
            }
        }
        seen.stream().filter(g -> g.state() == Generation.State.ACTIVE).map(g -> running.get(g.number()))
                .filter(Objects::nonNull).forEach(GenerationConsumer::serving);
        return seen;
    }

    /**
     * On the building generation's consumer thread, after each batch: the switch as soon as it has caught up rather
     * than at the next second, and the retired generation's consumer stopped at once (after its batch). Starting
     * consumers stays with {@link #reconcile}; when that is running, this waits for nothing (its round switches).
     */
    private void afterRebuildBatch(int generation) {
        if (ReadModelGenerations.building(lastSeen).isEmpty()) {
            return; // switched already: this consumer now serves
        }
        if (lock.tryLock()) {
            try {
                if (started) {
                    List<Generation> seen = switchIfCaughtUp();
                    lastSeen = seen;
                    stopRetired(seen.stream().filter(g -> g.state() != Generation.State.RETIRED)
                            .map(Generation::number).collect(Collectors.toSet()), generation);
                }
            } catch (RuntimeException e) {
                log.debug("The switch is left to the next round: {}", e.toString());
            } finally {
                lock.unlock();
            }
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
        GenerationConsumer builder = running.get(buildingGeneration);
        if (builder == null || builder.status().state() != GenerationConsumer.State.CONSUMING) {
            return false;
        }
        return TopicEnds.caughtUp(ConsumerOffsets.resumeAt(generations.active(), topic),
                ConsumerOffsets.resumeAt(generations.sqlFor(buildingGeneration), topic), topicEnds.partitions());
    }


    Optional<GenerationConsumer> consumerOf(int generation) {
        return Optional.ofNullable(running.get(generation));
    }

    /** UP while the active generation's consumer applies what arrives. */
    WorkerHealthIndicator.Report healthReport() {
        int active = generations.active().generation();
        GenerationConsumer consumer = running.get(active);
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
