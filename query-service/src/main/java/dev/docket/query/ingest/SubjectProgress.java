package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ingest guard: how far each subject (ticket or person) has got, and how many events of it are parked. A batch
 * reads its subjects' rows at once, decides in memory, and writes them back at once, conditional on what it read, so
 * a concurrent retry of parked events (which locks the row) makes the batch fail and be retried instead of both
 * applying the same event.
 */
final class SubjectProgress {

    record State(long version, int parkedEvents) {
        static final State NEW = new State(0, 0);
    }

    private final Map<UUID, State> read;
    private final Map<UUID, State> now = new LinkedHashMap<>();

    private SubjectProgress(Map<UUID, State> read) {
        this.read = read;
    }

    /** The rows of {@code subjects}, for one batch. */
    static SubjectProgress load(ReadModelSql sql, Collection<UUID> subjects) {
        Map<UUID, State> read = new HashMap<>();
        sql.sql("SELECT subject_id, version, parked_events FROM {rm}.subject_progress WHERE subject_id = ANY (?::uuid[])")
                .param(subjects.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    read.put(rs.getObject(1, UUID.class), new State(rs.getLong(2), rs.getInt(3)));
                });
        return new SubjectProgress(read);
    }

    State of(UUID subject) {
        return now.getOrDefault(subject, read.getOrDefault(subject, State.NEW));
    }

    void advance(UUID subject, long version) {
        now.put(subject, new State(version, of(subject).parkedEvents()));
    }

    void parked(UUID subject) {
        State state = of(subject);
        now.put(subject, new State(state.version(), state.parkedEvents() + 1));
    }

    /** Writes the subjects this batch moved; fails if any of them was moved by someone else meanwhile. */
    void write(ReadModelSql sql) {
        Rows added = new Rows(3);
        Rows moved = new Rows(5);
        now.forEach((subject, state) -> {
            State before = read.get(subject);
            if (before == null) {
                added.add(subject, state.version(), state.parkedEvents());
            } else {
                moved.add(subject, state.version(), state.parkedEvents(), before.version(), before.parkedEvents());
            }
        });
        int written = added.write(sql, """
                INSERT INTO {rm}.subject_progress (subject_id, version, parked_events)
                SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::int[]) ON CONFLICT DO NOTHING""");
        written += moved.write(sql, """
                UPDATE {rm}.subject_progress p SET version = u.version, parked_events = u.parked
                FROM unnest(?::uuid[], ?::bigint[], ?::int[], ?::bigint[], ?::int[])
                    AS u(subject_id, version, parked, seen_version, seen_parked)
                WHERE p.subject_id = u.subject_id AND p.version = u.seen_version AND p.parked_events = u.seen_parked""");
        if (written != now.size()) {
            throw new ConcurrentProjectionException((now.size() - written) + " of " + now.size()
                    + " subjects changed while their events were applied");
        }
    }

    /** Locks the subject's row (creating it) for a retry of its parked events. */
    static State lock(ReadModelSql sql, UUID subject) {
        sql.sql("INSERT INTO {rm}.subject_progress (subject_id, version) VALUES (?, 0) ON CONFLICT DO NOTHING")
                .param(subject).update();
        return sql.sql("SELECT version, parked_events FROM {rm}.subject_progress WHERE subject_id = ? FOR UPDATE")
                .param(subject)
                .query((rs, n) -> new State(rs.getLong("version"), rs.getInt("parked_events")))
                .single();
    }

    /** After a retry: the subject's version and how many of its events are still parked. */
    static void set(ReadModelSql sql, UUID subject, long version, int parkedEvents) {
        sql.sql("UPDATE {rm}.subject_progress SET version = ?, parked_events = ? WHERE subject_id = ?")
                .params(version, parkedEvents, subject).update();
    }

    static void addParked(ReadModelSql sql, UUID subject) {
        sql.sql("""
                        INSERT INTO {rm}.subject_progress (subject_id, version, parked_events) VALUES (?, 0, 1)
                        ON CONFLICT (subject_id) DO UPDATE SET parked_events = subject_progress.parked_events + 1""")
                .param(subject).update();
    }
}
