package dev.docket.query.changes;

import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.security.ErasedPeople;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open change streams of this instance, fed from the active generation's change log. Every
 * {@link ChangeProperties#lookInterval()} the streams get what was committed after their position (by this instance
 * or another: the log is in the database), each stream only the changes its viewer may see; streams at the same
 * position share one read. Writing to a stream happens on a virtual thread of its own, one write at a time per
 * stream, so a slow client delays nobody else (its position waits while a write to it is under way).
 *
 * <p>A stream ends at its token's expiry, after {@link ChangeProperties#maxStreamLength()}, when its viewer is
 * erased, and when the service stops; the client resumes with the last id it received ({@code Last-Event-ID}).
 */
@Component
class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** At most this many changes per stream and look; a stream further behind gets the rest at the next looks. */
    private static final int READ_LIMIT = 500;

    /** A row of the change log. */
    record Change(long seq, UUID ticket, long version, UUID requester, @Nullable UUID formerRequester,
                  boolean seenByRequester, String type, Instant at) {

        /** Agents see every change; a requester those of their tickets that change their view (and a transfer away). */
        boolean visibleTo(Viewer viewer) {
            return viewer.seesEverything() || seenByRequester
                    && (viewer.sees(requester) || viewer.ownTicketsOf().equals(formerRequester));
        }
    }

    /** What a stream's {@code change} event carries. */
    record ChangeMessage(UUID ticketId, long version, String type, Instant at) {
    }

    /** What a stream's {@code ready}, {@code reset} and {@code heartbeat} events carry. */
    record StreamMessage(String position, @Nullable String reason) {
    }

    private final class Stream {
        final SseEmitter emitter;
        final Viewer viewer;
        final String subject;
        final Instant endsAt;
        final AtomicBoolean writing = new AtomicBoolean();
        volatile ChangePosition position;
        volatile Instant lastWrite = Instant.now();

        Stream(SseEmitter emitter, Viewer viewer, String subject, Instant endsAt, ChangePosition position) {
            this.emitter = emitter;
            this.viewer = viewer;
            this.subject = subject;
            this.endsAt = endsAt;
            this.position = position;
        }
    }

    private final ReadModelGenerations generations;
    private final ErasedPeople erasedPeople;
    private final ChangeProperties properties;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final SimpleAsyncTaskExecutor writers = new SimpleAsyncTaskExecutor("change-stream-");
    private final TaskScheduler scheduler;
    private volatile @Nullable ScheduledFuture<?> looking;
    private volatile boolean running;
    private boolean failing;

    ChangeFeed(ReadModelGenerations generations, ErasedPeople erasedPeople, ChangeProperties properties,
               TaskScheduler scheduler) {
        this.generations = generations;
        this.scheduler = scheduler;
        this.erasedPeople = erasedPeople;
        this.properties = properties;
        this.writers.setVirtualThreads(true);
    }

    /**
     * Opens a stream for the caller, from {@code lastEventId} when it can be resumed from (then the stream continues
     * with exactly the changes after it), else from now with a {@code reset} event first (the client reloads what it
     * shows). The first event is {@code ready} (or {@code reset}) with the starting position as its id.
     */
    SseEmitter open(Viewer viewer, String subject, @Nullable String lastEventId, @Nullable Instant tokenExpiry) {
        ChangePosition requested = lastEventId == null || lastEventId.isBlank() ? null
                : ChangePosition.parse(lastEventId.strip());
        ReadModelSql sql = generations.active();
        ChangePosition head = new ChangePosition(sql.generation(), head(sql));
        String reason = requested == null ? null : resumable(sql, requested, head);
        ChangePosition start = requested != null && reason == null ? requested : head;
        Instant now = Instant.now();
        Instant endsAt = now.plus(properties.maxStreamLength());
        if (tokenExpiry != null && tokenExpiry.isBefore(endsAt)) {
            endsAt = tokenExpiry;
        }
        SseEmitter emitter = new SseEmitter(Math.max(1, Duration.between(now, endsAt).toMillis()));
        Stream stream = new Stream(emitter, viewer, subject, endsAt, start);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        try {
            emitter.send(SseEmitter.event().id(start.toString()).name(reason == null ? "ready" : "reset")
                    .data(new StreamMessage(start.toString(), reason), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        streams.add(stream);
        return emitter;
    }

    /** Why a stream cannot resume from {@code position}, or null when it can. */
    private static @Nullable String resumable(ReadModelSql sql, ChangePosition position, ChangePosition head) {
        if (position.generation() != head.generation()) {
            return "the read models were rebuilt since this position";
        }
        if (position.seq() > head.seq()) {
            return "no such position";
        }
        Long oldest = sql.sql("SELECT min(seq) FROM {rm}.ticket_change").query(Long.class).single();
        if (oldest != null && position.seq() + 1 < oldest) {
            return "changes after this position are no longer kept";
        }
        return null;
    }

    /** The newest committed change's number (the log always keeps its newest row). */
    private static long head(ReadModelSql sql) {
        return sql.sql("SELECT coalesce(max(seq), 0) FROM {rm}.ticket_change").query(Long.class).single();
    }

    /**
     * Gives every open stream what was committed after its position. Scheduled in {@link #start()}, not with
     * {@code @Scheduled}: an observed task would leave a trace span ten times a second.
     */
    void deliver() {
        if (streams.isEmpty() || !running) {
            return;
        }
        ReadModelSql sql = generations.active();
        Instant now = Instant.now();
        Map<Long, List<Stream>> byPosition = new HashMap<>();
        for (Stream stream : streams) {
            if (!now.isBefore(stream.endsAt) || !stream.viewer.seesEverything() && erasedPeople.isErased(stream.subject)) {
                close(stream);
            } else if (stream.writing.get()) {
                continue;
            } else if (stream.position.generation() != sql.generation()) {
                ChangePosition head = new ChangePosition(sql.generation(), head(sql));
                stream.position = head;
                write(stream, List.of(), new StreamMessage(head.toString(), "the read models were rebuilt"));
            } else {
                byPosition.computeIfAbsent(stream.position.seq(), seq -> new ArrayList<>()).add(stream);
            }
        }
        byPosition.forEach((after, waiting) -> {
            List<Change> changes = read(sql, after);
            for (Stream stream : waiting) {
                List<Change> visible = changes.stream().filter(c -> c.visibleTo(stream.viewer)).toList();
                if (!changes.isEmpty()) {
                    stream.position = new ChangePosition(sql.generation(), changes.getLast().seq());
                }
                boolean heartbeatDue = !now.isBefore(stream.lastWrite.plus(properties.heartbeat()));
                if (!visible.isEmpty() || heartbeatDue) {
                    write(stream, visible, null);
                }
            }
        });
    }

    private static List<Change> read(ReadModelSql sql, long after) {
        return sql.sql("""
                        SELECT seq, ticket_id, version, requester_id, former_requester_id, public, event_type, occurred_at
                        FROM {rm}.ticket_change WHERE seq > ? ORDER BY seq LIMIT ?""")
                .params(after, READ_LIMIT)
                .query((rs, row) -> new Change(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getBoolean(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    /**
     * Writes the changes to the stream on a thread of its own, then a heartbeat with the stream's position (or the
     * reset) when one is due; a stream that cannot be written to is closed.
     */
    private void write(Stream stream, List<Change> changes, @Nullable StreamMessage reset) {
        if (!stream.writing.compareAndSet(false, true)) {
            return;
        }
        ChangePosition position = stream.position;
        writers.execute(() -> {
            try {
                if (reset != null) {
                    stream.emitter.send(SseEmitter.event().id(reset.position()).name("reset")
                            .data(reset, MediaType.APPLICATION_JSON));
                }
                for (Change change : changes) {
                    stream.emitter.send(SseEmitter.event()
                            .id(new ChangePosition(position.generation(), change.seq()).toString()).name("change")
                            .data(new ChangeMessage(change.ticket(), change.version(), change.type(), change.at()),
                                    MediaType.APPLICATION_JSON));
                }
                if (changes.isEmpty() && reset == null) {
                    stream.emitter.send(SseEmitter.event().id(position.toString()).name("heartbeat")
                            .data(new StreamMessage(position.toString(), null), MediaType.APPLICATION_JSON));
                }
                stream.lastWrite = Instant.now();
            } catch (IOException | IllegalStateException gone) {
                log.debug("A change stream could not be written to; closing it: {}", gone.toString());
                close(stream);
            } finally {
                stream.writing.set(false);
            }
        });
    }

    private void close(Stream stream) {
        streams.remove(stream);
        try {
            stream.emitter.complete();
        } catch (IllegalStateException alreadyDone) {
            // completed by the container already
        }
    }

    /** Keeps the change log to its retention, and always its newest row (the head a new stream starts from). */
    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void prune() {
        ReadModelSql sql = generations.active();
        int removed = sql.sql("""
                        DELETE FROM {rm}.ticket_change
                        WHERE recorded_at < now() - make_interval(secs => ?)
                          AND seq < (SELECT max(seq) FROM {rm}.ticket_change)""")
                .param(properties.retention().toSeconds()).update();
        if (removed > 0) {
            log.debug("Pruned {} changes older than {}", removed, properties.retention());
        }
    }

    int openStreams() {
        return streams.size();
    }

    @Override
    public void start() {
        running = true;
        looking = scheduler.scheduleWithFixedDelay(this::deliverLogged, properties.lookInterval());
    }

    /** A failed look is tried again at the next (no stream misses anything); said once per run of failures. */
    private void deliverLogged() {
        try {
            deliver();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not give the change streams what changed; trying again: {}", e.toString());
            }
            failing = true;
        }
    }

    /** Before the web server's graceful shutdown waits for open requests: streams end so it need not wait for them. */
    @Override
    public void stop() {
        running = false;
        ScheduledFuture<?> task = looking;
        if (task != null) {
            task.cancel(false);
        }
        streams.forEach(this::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
