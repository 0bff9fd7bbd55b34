package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

import java.util.UUID;

/**
 * The ingest guard: how far each subject (ticket or person) has got, and whether events of it are parked. Writes
 * are conditional on what was read, so a concurrent retry of parked events (which locks the row) makes the consumer's
 * batch fail and be retried instead of both applying the same event.
 */
final class SubjectProgress {

    record State(long version, int parkedEvents) {
        static final State NEW = new State(0, 0);
    }

    private SubjectProgress() {
    }

    static State read(ReadModelSql sql, UUID subject) {
        return sql.sql("SELECT version, parked_events FROM {rm}.subject_progress WHERE subject_id = ?")
                .param(subject)
                .query((rs, n) -> new State(rs.getLong("version"), rs.getInt("parked_events")))
                .optional().orElse(State.NEW);
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

    /** Moves the subject from {@code seen} to {@code version}; fails if someone else moved it meanwhile. */
    static void advance(ReadModelSql sql, UUID subject, State seen, long version) {
        int updated = seen == State.NEW
                ? sql.sql("INSERT INTO {rm}.subject_progress (subject_id, version) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(subject, version).update()
                : sql.sql("""
                                UPDATE {rm}.subject_progress SET version = ?
                                WHERE subject_id = ? AND version = ? AND parked_events = ?""")
                        .params(version, subject, seen.version(), seen.parkedEvents()).update();
        if (updated != 1) {
            throw new ConcurrentProjectionException("subject " + subject + " changed while event version " + version
                    + " was applied");
        }
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
