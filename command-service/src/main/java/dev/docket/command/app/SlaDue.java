package dev.docket.command.app;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The table of when each ticket's clocks are due to be looked at ({@code sla_due}, see its migration). */
@Repository
class SlaDue {

    /** A ticket claimed for a look, with the revision of its row when claimed. */
    record Claim(UUID ticket, long revision) {
    }

    private final JdbcClient jdbc;

    SlaDue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket changed at {@code at}: look at it then. In the transaction of the change. */
    void changed(UUID ticket, Instant at) {
        jdbc.sql("""
                        INSERT INTO sla_due (ticket_id, due_at) VALUES (?, ?)
                        ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at, revision = sla_due.revision + 1""")
                .params(ticket, Timestamp.from(at)).update();
    }

    /** The configuration changed at {@code at}: look at every ticket whose clocks run. */
    int configurationChanged(Instant at) {
        return jdbc.sql("UPDATE sla_due SET due_at = ?, revision = revision + 1").param(Timestamp.from(at)).update();
    }

    /**
     * Claims up to {@code limit} tickets due by {@code now}, earliest first, skipping those another instance is
     * claiming; leased until {@code now + lease}.
     */
    List<Claim> claim(Instant now, int limit, Duration lease) {
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
        return jdbc.sql("""
                        UPDATE sla_due SET due_at = ?
                        WHERE ticket_id IN (SELECT ticket_id FROM sla_due WHERE due_at <= ? ORDER BY due_at LIMIT ?
                                            FOR UPDATE SKIP LOCKED)
                        RETURNING ticket_id, revision""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getLong(2))).list();
    }

    /** When to look at a claimed ticket next ({@code next} null: only when something changes), or gone when stopped. */
    record Outcome(Claim claim, Instant next, boolean stopped) {
    }

    /**
     * After a sweep's looks, in one statement each: the stopped tickets' rows go, the others are due at their next
     * time; a row whose ticket changed since the claim (its revision moved) stays as the change left it, due for
     * another look. Without waiting for the disk: this table is derived, and an update lost in a crash only makes a
     * ticket due again when its lease ends.
     */
    void looked(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("SET LOCAL synchronous_commit = off").update();
        List<Outcome> stopped = outcomes.stream().filter(Outcome::stopped).toList();
        List<Outcome> due = outcomes.stream().filter(o -> !o.stopped()).toList();
        if (!stopped.isEmpty()) {
            jdbc.sql("""
                            DELETE FROM sla_due d USING unnest(?::uuid[], ?::bigint[]) AS o (ticket_id, revision)
                            WHERE d.ticket_id = o.ticket_id AND d.revision = o.revision""")
                    .params(stopped.stream().map(o -> o.claim().ticket().toString()).toArray(String[]::new),
                            stopped.stream().map(o -> o.claim().revision()).toArray(Long[]::new))
                    .update();
        }
        if (!due.isEmpty()) {
            jdbc.sql("""
                            UPDATE sla_due d SET due_at = o.due_at
                            FROM unnest(?::uuid[], ?::bigint[], ?::timestamptz[]) AS o (ticket_id, revision, due_at)
                            WHERE d.ticket_id = o.ticket_id AND d.revision = o.revision""")
                    .params(due.stream().map(o -> o.claim().ticket().toString()).toArray(String[]::new),
                            due.stream().map(o -> o.claim().revision()).toArray(Long[]::new),
                            due.stream().map(o -> o.next() == null ? null : o.next().toString()).toArray(String[]::new))
                    .update();
        }
    }

    long configVersion() {
        return jdbc.sql("SELECT version FROM sla_config_state").query(Long.class).single();
    }

    void bumpConfigVersion() {
        jdbc.sql("UPDATE sla_config_state SET version = version + 1").update();
    }
}
