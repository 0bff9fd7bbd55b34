package dev.docket.command.relay;

import dev.docket.command.eventstore.EventsCommitted;
import dev.docket.support.worker.BackgroundWorker;
import dev.docket.support.worker.WorkerHealthIndicator;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Publishes committed events to Kafka in the event store's safe reading order (see the package documentation).
 * Runs on its own thread; every failure (database or broker unreachable) is retried from the last position Kafka
 * acknowledged, so an event may be published twice but is never skipped. This instance's commits wake it
 * ({@link #onCommit}); another instance's are found by looking every {@code idlePoll}.
 */
public final class EventRelay extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final long MAX_HORIZON_WAIT_MS = 50;

    /** Opens the relay's own database connection (never a pooled one: it holds a session lock). */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    public enum State { STOPPED, STANDBY, ACTIVE, FAILING }

    /** What health checks and operators see. */
    public record Status(State state, long publishedEvents, long lastGlobalIndex, Instant lastPublishedAt,
                         String lastError) {
    }

    private final ConnectionFactory connections;
    private final Supplier<Producer<String, byte[]>> producers;
    private final TopicSetup topicSetup;
    private final EventRecordMapper mapper;
    private final RelayProperties properties;

    private final AtomicLong published = new AtomicLong();
    private volatile State state = State.STOPPED;
    private volatile RelayPosition position;
    private volatile Instant lastPublishedAt;
    private volatile String lastError;

    EventRelay(ConnectionFactory connections, Supplier<Producer<String, byte[]>> producers, TopicSetup topicSetup,
               EventRecordMapper mapper, RelayProperties properties) {
        super("event-relay-" + properties.name(), properties.idlePoll().plusSeconds(15));
        this.connections = connections;
        this.producers = producers;
        this.topicSetup = topicSetup;
        this.mapper = mapper;
        this.properties = properties;
    }

    public Status status() {
        RelayPosition p = position;
        return new Status(state, published.get(), p == null ? 0 : p.globalIndex(), lastPublishedAt, lastError);
    }

    /** Healthy unless failing; a standby, waiting while another instance publishes, is healthy. */
    WorkerHealthIndicator.Report healthReport() {
        Status status = status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state());
        details.put("publishedEvents", status.publishedEvents());
        details.put("lastGlobalIndex", status.lastGlobalIndex());
        details.put("lastPublishedAt", status.lastPublishedAt());
        details.put("lastError", status.lastError());
        return new WorkerHealthIndicator.Report(status.state() != State.FAILING, details);
    }

    /**
     * Events committed in this instance: look now. A wake-up only says when to look, never what to publish, so a
     * missed or extra one costs a delay or an empty read, nothing else.
     */
    @EventListener(EventsCommitted.class)
    void onCommit() {
        signal();
    }

    @Override
    protected void work() {
        Producer<String, byte[]> producer = null;
        while (!isStopping()) {
            try (EventLogReader reader = new EventLogReader(connections.open(), properties.name())) {
                state = State.STANDBY;
                while (!isStopping() && !reader.tryLock()) {
                    pause(properties.retryBackoff());
                }
                if (isStopping()) {
                    break;
                }
                topicSetup.ensureTopic();
                if (producer == null) {
                    // connect and fetch the topic's metadata now, not when the first event is waiting
                    producer = producers.get();
                    producer.partitionsFor(mapper.topic());
                }
                RelayPosition current = reader.loadPosition();
                position = current;
                state = State.ACTIVE;
                lastError = null;
                log.info("Relay {} active from position {}", properties.name(), current);
                long horizonWait = 0;
                while (!isStopping()) {
                    EventLogReader.Round round = reader.nextRound(current, properties.batchSize());
                    List<StoredEvent> batch = round.events();
                    if (!batch.isEmpty()) {
                        publish(producer, batch);
                        current = batch.getLast().position();
                        reader.savePosition(current);
                        position = current;
                        published.addAndGet(batch.size());
                        lastPublishedAt = Instant.now();
                        horizonWait = 0;
                        if (batch.size() == properties.batchSize()) {
                            continue;
                        }
                        // let the commits of the next few milliseconds gather into one round; their wake-ups wait
                        pause(properties.linger());
                    }
                    if (round.eventsWaiting()) {
                        // committed events wait for an older transaction to end: look again soon
                        horizonWait = Math.min(MAX_HORIZON_WAIT_MS, Math.max(1, horizonWait * 2));
                        awaitSignal(Duration.ofMillis(horizonWait));
                    } else {
                        horizonWait = 0;
                        awaitSignal(properties.idlePoll());
                    }
                }
            } catch (Exception e) {
                state = State.FAILING;
                lastError = e.toString();
                log.warn("Relay {} failed; retrying from the last acknowledged position in {}: {}",
                        properties.name(), properties.retryBackoff(), e.toString());
                if (producer != null) {
                    producer.close(Duration.ZERO);
                    producer = null;
                }
                pause(properties.retryBackoff());
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        state = State.STOPPED;
        log.info("Relay {} stopped at position {}", properties.name(), position);
    }

    /**
     * Sends the batch and returns only when Kafka acknowledged every record of it. At the first record that fails,
     * the producer is closed at once, from the failing record's callback on the producer's I/O thread: with one
     * request in flight, no later batch of the same partition has been sent yet, and none will be. (An idempotent
     * producer left running sends the later batches after a failed one, so a ticket's event 2 could land before its
     * event 1; {@code EventRelayIT} shows that case.) The caller then starts a new producer and publishes again from
     * the stored position: records that did land are repeated, never overtaken.
     */
    private void publish(Producer<String, byte[]> producer, List<StoredEvent> batch) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback stopAtFirstFailure = (metadata, exception) -> {
            if (exception != null && failure.compareAndSet(null, exception)) {
                producer.close(Duration.ZERO);
            }
        };
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size());
        for (StoredEvent event : batch) {
            if (failure.get() != null) {
                break;
            }
            acknowledgements.add(producer.send(mapper.toRecord(event), stopAtFirstFailure));
        }
        if (failure.get() == null) {
            producer.flush();
        }
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            acknowledgement.get();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
