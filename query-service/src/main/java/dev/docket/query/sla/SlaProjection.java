package dev.docket.query.sla;

import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.TicketEvent;
import dev.docket.events.sla.SlaClocks;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the service-level read model: the configuration versions, each ticket's facts (the events the clocks read),
 * and its clocks, computed again for every ticket that got a fact in the batch (or was computed under an older
 * configuration). Tickets a configuration change moves without an event of their own are computed again by the
 * {@link SlaRefresher}; both lock a ticket's {@code ticket_sla} row first, so neither writes clocks computed from
 * less than the other saw.
 */
final class SlaProjection implements Projection {

    private final ReadModelSql sql;
    private final JsonMapper json;
    private final SlaConfigs configs;
    private final TicketClocks clocks;
    private final Map<UUID, TicketClocks.Ticket> tickets = new LinkedHashMap<>();
    private final Set<UUID> touched = new LinkedHashSet<>();
    private final Set<UUID> newFacts = new LinkedHashSet<>();
    private final Rows configRows = new Rows(5);
    private final Rows facts = new Rows(5);

    SlaProjection(ReadModelSql sql, JsonMapper json, SlaConfigs configs) {
        this.sql = sql;
        this.json = json;
        this.configs = configs;
        this.clocks = new TicketClocks(sql, json);
    }

    @Override
    public void load(List<EventEnvelope> events) {
        String[] ids = EventEnvelope.subjects(events, TicketEvent.class);
        if (ids.length > 0) {
            tickets.putAll(clocks.lock(ids));
        }
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        switch (envelope.event()) {
            case SlaPoliciesChanged changed -> configRows.add(envelope.eventId(), envelope.version(),
                    "policies", envelope.time(), json.writeValueAsString(changed));
            case BusinessCalendarDefined defined -> configRows.add(envelope.eventId(),
                    envelope.version(), "calendar", envelope.time(), json.writeValueAsString(defined));
            case TicketEvent event -> {
                TicketClocks.Ticket ticket = tickets.computeIfAbsent(envelope.subject(), TicketClocks.Ticket::new);
                // read at its own time, or its predecessor's when that is later, as the clocks read every event
                Instant at = ticket.lastEventAt != null && ticket.lastEventAt.isAfter(envelope.time())
                        ? ticket.lastEventAt : envelope.time();
                ticket.lastEventAt = at;
                touched.add(ticket.id);
                if (SlaClocks.reads(event)) {
                    facts.add(TicketClocks.fact(ticket.id, ++ticket.facts, at, event, json));
                    newFacts.add(ticket.id);
                }
            }
            default -> {
                // people: no clock reads them
            }
        }
    }

    @Override
    public void flush() {
        configRows.write(sql, """
                INSERT INTO {rm}.sla_config (event_id, version, kind, effective_at, body)
                SELECT u.id, u.version, u.kind, u.at, u.body::jsonb
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[])
                    AS u(id, version, kind, at, body)""");
        facts.write(sql, """
                INSERT INTO {rm}.ticket_sla_fact (ticket_id, seq, at, type, data)
                SELECT u.ticket_id, u.seq, u.at, u.type, u.data::jsonb
                FROM unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::text[], ?::text[]) AS u(ticket_id, seq, at, type, data)""");
        if (touched.isEmpty()) {
            return;
        }
        SlaConfigs.Config config = configs.current(sql);
        List<TicketClocks.Ticket> compute = new ArrayList<>();
        for (UUID id : touched) {
            TicketClocks.Ticket ticket = tickets.get(id);
            if (newFacts.contains(id) || ticket.computedAt == null
                    || (!ticket.settled && ticket.configVersion < config.version())) {
                compute.add(ticket);
            }
        }
        if (!compute.isEmpty()) {
            clocks.compute(compute, config);
        }
        clocks.store(touched.stream().map(tickets::get).toList());
    }
}
