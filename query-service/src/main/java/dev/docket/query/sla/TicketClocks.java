package dev.docket.query.sla;

import dev.docket.events.EventTypes;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.events.sla.ClockCycle;
import dev.docket.events.sla.SlaClocks;
import dev.docket.events.sla.SlaState;
import dev.docket.events.sla.TicketFact;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computes tickets' clocks from their stored facts under a configuration and writes them: the {@code ticket_sla}
 * row, every cycle in {@code ticket_sla_clock}, and the ticket's {@code sla_due_at} and {@code sla_warn_at}. A
 * ticket is computed as of its last fact or the latest configuration change, whichever is later: the clocks' state
 * then holds until the next fact or change, and due times say when a running clock breaches. The callers hold the
 * tickets' {@code ticket_sla} rows locked ({@code FOR UPDATE}).
 */
final class TicketClocks {

    /** A ticket's {@code ticket_sla} row as a batch or a refresh leaves it. */
    static final class Ticket {
        final UUID id;
        int facts;
        Instant lastEventAt;
        int configVersion;
        Instant computedAt;
        String policy;
        boolean settled;

        Ticket(UUID id) {
            this.id = id;
        }
    }

    private final ReadModelSql sql;
    private final JsonMapper json;

    TicketClocks(ReadModelSql sql, JsonMapper json) {
        this.sql = sql;
        this.json = json;
    }

    private static final String COLUMNS = "ticket_id, facts, last_event_at, config_version, computed_at, policy, "
            + "settled";

    /** The {@code ticket_sla} rows of {@code ids}, locked until the transaction ends; absent ones are not there. */
    Map<UUID, Ticket> lock(String[] ids) {
        Map<UUID, Ticket> tickets = new HashMap<>();
        sql.sql("SELECT " + COLUMNS + " FROM {rm}.ticket_sla WHERE ticket_id = ANY (?::uuid[]) ORDER BY ticket_id "
                        + "FOR UPDATE")
                .param(ids)
                .query((rs, n) -> ticket(rs)).list()
                .forEach(ticket -> tickets.put(ticket.id, ticket));
        return tickets;
    }

    /**
     * Up to {@code limit} tickets with a clock not stopped that were computed under fewer than {@code version}
     * configuration versions, locked until the transaction ends; those another transaction holds are skipped.
     */
    List<Ticket> claimStale(int version, int limit) {
        return sql.sql("SELECT " + COLUMNS + " FROM {rm}.ticket_sla WHERE NOT settled AND config_version < ? "
                        + "ORDER BY ticket_id LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(version, limit)
                .query((rs, n) -> ticket(rs)).list();
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        Ticket ticket = new Ticket(rs.getObject("ticket_id", UUID.class));
        ticket.facts = rs.getInt("facts");
        ticket.lastEventAt = rs.getTimestamp("last_event_at").toInstant();
        ticket.configVersion = rs.getInt("config_version");
        ticket.computedAt = rs.getTimestamp("computed_at").toInstant();
        ticket.policy = rs.getString("policy");
        ticket.settled = rs.getBoolean("settled");
        return ticket;
    }

    /** An event as a stored fact: its type, and its fields without the texts the clocks never read. */
    static Object[] fact(UUID ticket, int seq, Instant at, TicketEvent event, JsonMapper json) {
        TicketEvent stripped = switch (event) {
            case TicketOpened o -> new TicketOpened(o.ticketId(), o.number(), "", "", o.priority(), o.requesterId(),
                    o.tags());
            case TicketCommentAdded c -> new TicketCommentAdded(c.ticketId(), c.commentId(), c.author(),
                    c.visibility(), "");
            default -> event;
        };
        return new Object[] {ticket, seq, at, EventTypes.typeOf(event.getClass()), json.writeValueAsString(stripped)};
    }

    /** Every fact of the tickets, in order. */
    Map<UUID, List<TicketFact>> facts(Collection<UUID> tickets) {
        Map<UUID, List<TicketFact>> facts = new HashMap<>();
        sql.sql("""
                        SELECT ticket_id, at, type, data::text FROM {rm}.ticket_sla_fact
                        WHERE ticket_id = ANY (?::uuid[]) ORDER BY ticket_id, seq""")
                .param(tickets.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    String name = rs.getString(3);
                    Class<? extends TicketEvent> type = EventTypes.classOf(name)
                            .map(c -> c.asSubclass(TicketEvent.class))
                            .orElseThrow(() -> new IllegalStateException("unknown fact type " + name));
                    facts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(TicketFact.of(rs.getTimestamp(2).toInstant(), json.readValue(rs.getString(4), type)));
                });
        return facts;
    }

    /** Computes the tickets' clocks under {@code config} and writes them with the tickets' rows. */
    void compute(Collection<Ticket> tickets, SlaConfigs.Config config) {
        if (!config.history().hadPolicies()) {
            // No policy has ever been set, so no clock has ever had a target: there is nothing to compute or to
            // show. The tickets stay unsettled, and the first policy's refresh computes them.
            for (Ticket ticket : tickets) {
                ticket.configVersion = config.version();
                ticket.computedAt = ticket.lastEventAt;
                ticket.policy = null;
                ticket.settled = false;
            }
            return;
        }
        Map<UUID, List<TicketFact>> facts = facts(tickets.stream().map(t -> t.id).toList());
        Rows cycles = new Rows(18);
        Rows heads = new Rows(3);
        for (Ticket ticket : tickets) {
            List<TicketFact> ticketFacts = facts.getOrDefault(ticket.id, List.of());
            Instant asOf = ticketFacts.isEmpty() ? ticket.lastEventAt : ticketFacts.getLast().at();
            if (config.latest() != null && config.latest().isAfter(asOf)) {
                asOf = config.latest();
            }
            SlaState state = SlaClocks.compute(ticketFacts, config.history(), asOf);
            ticket.configVersion = config.version();
            ticket.computedAt = asOf;
            ticket.policy = state.policy();
            ticket.settled = state.cycles().stream().allMatch(c -> c.state() == ClockCycle.State.STOPPED);
            Instant due = null;
            Instant warn = null;
            for (ClockCycle cycle : state.cycles()) {
                cycles.add(StoredClock.of(cycle, config, asOf).row(ticket.id));
                if (cycle.state() == ClockCycle.State.STOPPED || cycle.target() == null) {
                    continue;
                }
                due = earliest(due, cycle.breached() ? cycle.breachedAt()
                        : cycle.state() == ClockCycle.State.RUNNING ? cycle.dueAt() : null);
                if (!cycle.breached() && cycle.state() == ClockCycle.State.RUNNING) {
                    warn = earliest(warn, cycle.warnedAt() != null ? cycle.warnedAt() : cycle.warnAt());
                }
            }
            heads.add(ticket.id, due, warn);
        }
        String[] ids = tickets.stream().map(t -> t.id.toString()).toArray(String[]::new);
        sql.sql("DELETE FROM {rm}.ticket_sla_clock WHERE ticket_id = ANY (?::uuid[])").param(ids).update();
        cycles.write(sql, """
                INSERT INTO {rm}.ticket_sla_clock (ticket_id, metric, cycle, state, policy, priority, target_minutes,
                                                   basis, warn_minutes, calendar_id, started_at, elapsed_seconds,
                                                   due_at, warn_at, paused_since, stopped_at, warned_at, breached_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                                     ?::text[], ?::bigint[], ?::uuid[], ?::timestamptz[], ?::bigint[],
                                     ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                                     ?::timestamptz[], ?::timestamptz[])""");
        heads.write(sql, """
                UPDATE {rm}.ticket t SET sla_due_at = u.due, sla_warn_at = u.warn
                FROM unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[]) AS u(id, due, warn)
                WHERE t.id = u.id AND (t.sla_due_at, t.sla_warn_at) IS DISTINCT FROM (u.due, u.warn)""");
    }

    /** Writes the tickets' {@code ticket_sla} rows as they are now. */
    void store(Collection<Ticket> tickets) {
        Rows rows = new Rows(7);
        tickets.forEach(t -> rows.add(t.id, t.facts, t.lastEventAt, t.configVersion, t.computedAt, t.policy,
                t.settled));
        rows.write(sql, """
                INSERT INTO {rm}.ticket_sla (ticket_id, facts, last_event_at, config_version, computed_at, policy,
                                             settled)
                SELECT * FROM unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::int[], ?::timestamptz[], ?::text[],
                                     ?::boolean[])
                ON CONFLICT (ticket_id) DO UPDATE
                SET facts = excluded.facts, last_event_at = excluded.last_event_at,
                    config_version = excluded.config_version, computed_at = excluded.computed_at,
                    policy = excluded.policy, settled = excluded.settled""");
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
