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
        return jdbc.sql("""
                        UPDATE sla_due SET due_at = ?
                        WHERE ticket_id IN (SELECT ticket_id FROM sla_due WHERE due_at <= ? ORDER BY due_at LIMIT ?
                                            FOR UPDATE SKIP LOCKED)
                        RETURNING ticket_id, revision""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getLong(2))).list();
    }

    /**
     * After a look: due again at {@code next} (null: only when something changes), or gone when every clock has
     * stopped; unless the ticket changed since the claim, when it stays due for another look.
     */
    void looked(Claim claim, Instant next, boolean stopped) {
        if (stopped) {
            jdbc.sql("DELETE FROM sla_due WHERE ticket_id = ? AND revision = ?")
                    .params(claim.ticket(), claim.revision()).update();
        } else {
            jdbc.sql("UPDATE sla_due SET due_at = ? WHERE ticket_id = ? AND revision = ?")
                    .params(next == null ? null : Timestamp.from(next), claim.ticket(), claim.revision()).update();
        }
    }

    /** Look again at {@code at} (a look that lost a race with a change, or failed). */
    void retryAt(Claim claim, Instant at) {
        jdbc.sql("UPDATE sla_due SET due_at = ? WHERE ticket_id = ? AND revision = ?")
                .params(Timestamp.from(at), claim.ticket(), claim.revision()).update();
    }

    long configVersion() {
        return jdbc.sql("SELECT version FROM sla_config_state").query(Long.class).single();
    }

    void bumpConfigVersion() {
        jdbc.sql("UPDATE sla_config_state SET version = version + 1").update();
    }
}
