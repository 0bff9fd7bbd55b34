package dev.docket.query.changes;

import dev.docket.events.CommentVisibility;
import dev.docket.events.EventTypes;
import dev.docket.events.SlaMilestoneEvent;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends one {@code ticket_change} row per applied ticket event: the ticket, its version, whose ticket it is (and
 * was, for a transfer) and whether its requester's view changed. The rows are numbered under a lock this transaction
 * holds until it commits (the change log's order is its commit order; see V7). Runs last, so the lock is held only
 * for the rest of the commit.
 */
final class ChangeLogProjection implements Projection {

    /** First key of the change-log advisory lock: "DKCH". */
    static final int LOCK = 0x444B4348;

    private final ReadModelSql sql;
    private final Map<UUID, UUID> requesters = new HashMap<>();
    private final Rows rows = new Rows(7);

    ChangeLogProjection(ReadModelSql sql) {
        this.sql = sql;
    }

    @Override
    public void load(List<EventEnvelope> events) {
        String[] tickets = EventEnvelope.subjects(events, TicketEvent.class);
        if (tickets.length == 0) {
            return;
        }
        sql.sql("SELECT id, requester_id FROM {rm}.ticket WHERE id = ANY(?::uuid[])").param(tickets)
                .query(rs -> {
                    requesters.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        if (!(envelope.event() instanceof TicketEvent event)) {
            return;
        }
        UUID former = null;
        switch (event) {
            case TicketOpened opened -> requesters.put(envelope.subject(), opened.requesterId().value());
            case TicketOwnershipTransferred transferred -> {
                former = transferred.fromRequesterId().value();
                requesters.put(envelope.subject(), transferred.toRequesterId().value());
            }
            default -> {
            }
        }
        UUID requester = requesters.get(envelope.subject());
        if (requester == null) {
            throw new IllegalStateException("no requester known for ticket " + envelope.subject());
        }
        rows.add(envelope.subject().toString(), envelope.version(), requester.toString(),
                former == null ? null : former.toString(), seenByRequester(event),
                EventTypes.typeOf(event.getClass()), envelope.time());
    }

    /** Whether the event changes what the ticket's requester sees: not an internal note, not an SLA milestone. */
    static boolean seenByRequester(TicketEvent event) {
        return switch (event) {
            case TicketCommentAdded comment -> comment.visibility() != CommentVisibility.INTERNAL;
            case SlaMilestoneEvent milestone -> false;
            default -> true;
        };
    }

    @Override
    public void flush() {
        if (rows.size() == 0) {
            return;
        }
        sql.sql("SELECT pg_advisory_xact_lock(?, ?)").params(LOCK, sql.generation()).query(Object.class).single();
        rows.write(sql, """
                INSERT INTO {rm}.ticket_change (ticket_id, version, requester_id, former_requester_id, public,
                                                event_type, occurred_at)
                SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::uuid[], ?::uuid[], ?::boolean[], ?::varchar[],
                                     ?::timestamptz[])""");
    }
}
