package dev.docket.query.check;

import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.query.sla.SlaMilestones;
import dev.docket.support.errors.DocketException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Compares the event store's view of every ticket with the active read models: version, status, archived, the
 * comment, internal note and attachment counts, presence (a ticket the store has and the read models lack, or the
 * other way round), the status count table against the tickets it counts, and the service-level milestones each
 * ticket recorded against those its read-side clocks say it reached. A ticket the read models have not
 * caught up with yet is given the read wait to catch up before it counts as diverging.
 */
public final class ConsistencyCheck {

    static final int PAGE = 500;
    static final int MAX_REPORTED = 100;
    /** By default, service-level milestones due more recently than this are not compared: they may not be recorded yet. */
    static final Duration SLA_GRACE = Duration.ofSeconds(30);

    /** One difference: the ticket, what differs, and both values. */
    public record Divergence(String ticketId, String field, @Nullable String eventStore, @Nullable String readModel) {
    }

    /** @param divergences how many; {@code items} lists the first {@value #MAX_REPORTED} */
    public record Report(int generation, long ticketsChecked, long divergences, List<Divergence> items) {
    }

    /**
     * A ticket as the event store has it (the command service's {@code /api/admin/ticket-states}).
     *
     * @param slaMilestones the service-level milestones recorded ({@code metric/cycle/kind@instant}); null from the
     *                      read models, whose clocks are compared separately
     */
    record TicketState(String id, long version, String status, boolean archived, long publicComments,
                       long internalNotes, long attachments, @Nullable List<String> slaMilestones) {
    }

    record TicketStatePage(List<TicketState> items, String next) {
    }

    private final RestClient commandService;
    private final ReadModelGenerations generations;
    private final Consistency consistency;

    public ConsistencyCheck(RestClient commandService, ReadModelGenerations generations, Consistency consistency) {
        this.commandService = commandService;
        this.generations = generations;
        this.consistency = consistency;
    }

    /** @param authorization the caller's own {@code Authorization}, with which the store's view is read */
    public Report run(String authorization, Duration slaGrace) {
        ReadModelSql sql = generations.active();
        List<Divergence> found = new ArrayList<>();
        long checked = 0;
        Map<String, Long> expectedByStatus = new TreeMap<>();
        String after = "";
        while (true) {
            TicketStatePage page = page(after, authorization);
            String upTo = page.next() == null ? null : page.next();
            for (TicketState ticket : page.items()) {
                if (!ticket.archived()) {
                    expectedByStatus.merge(ticket.status(), 1L, Long::sum);
                }
            }
            found.addAll(compare(sql, page.items(), after, upTo, slaGrace));
            checked += page.items().size();
            if (page.next() == null) {
                break;
            }
            after = page.next();
        }
        found.addAll(statusCounts(sql, expectedByStatus));
        return new Report(sql.generation(), checked, found.size(),
                List.copyOf(found.subList(0, Math.min(found.size(), MAX_REPORTED))));
    }

    private TicketStatePage page(String after, String authorization) {
        try {
            return Objects.requireNonNull(commandService.get()
                    .uri(uri -> uri.path("/api/admin/ticket-states").queryParam("after", after)
                            .queryParam("limit", PAGE).build())
                    .header("Authorization", authorization)
                    .retrieve()
                    .body(TicketStatePage.class));
        } catch (RuntimeException e) {
            throw new DocketException(dev.docket.events.ErrorCode.SERVICE_UNAVAILABLE,
                    "The command service could not be asked for the event store's view: " + e.getClass().getSimpleName());
        }
    }

    /** The tickets of one page, and any read-model ticket in the same id range that the store does not have. */
    private List<Divergence> compare(ReadModelSql sql, List<TicketState> page, String after, String upTo,
                                     Duration slaGrace) {
        Map<String, TicketState> actual = readModel(sql, page);
        List<TicketState> behind = page.stream()
                .filter(t -> actual.get(t.id()) == null || actual.get(t.id()).version() < t.version()).toList();
        if (!behind.isEmpty()) {
            // perhaps only behind: let them catch up as a read would, then look again
            try {
                consistency.await(behind.stream()
                        .map(t -> new Consistency.Requirement(UUID.fromString(t.id()), t.version())).toList());
            } catch (DocketException stillBehind) {
                // what is still behind after the wait diverges, and is reported below
            }
            actual.putAll(readModel(sql, behind));
        }
        List<Divergence> found = new ArrayList<>();
        for (TicketState ticket : page) {
            found.addAll(differences(ticket, actual.get(ticket.id())));
        }
        found.addAll(slaMilestones(sql, page, Instant.now().minus(slaGrace)));
        found.addAll(fieldHistory(sql, page.stream().filter(t -> actual.get(t.id()) != null).toList()));
        String from = after.isEmpty() ? "00000000-0000-0000-0000-000000000000" : after;
        List<String> extra = upTo == null
                ? sql.sql("SELECT id::text FROM {rm}.ticket WHERE id > ?::uuid ORDER BY id").param(from)
                        .query(String.class).list()
                : sql.sql("SELECT id::text FROM {rm}.ticket WHERE id > ?::uuid AND id <= ?::uuid ORDER BY id")
                        .params(from, upTo).query(String.class).list();
        java.util.Set<String> inStore = new java.util.HashSet<>();
        page.forEach(t -> inStore.add(t.id()));
        for (String id : extra) {
            if (!inStore.contains(id)) {
                found.add(new Divergence(id, "presence", "absent", "present"));
            }
        }
        return found;
    }

    /** The read models' view of {@code tickets}, in one read. */
    private static Map<String, TicketState> readModel(ReadModelSql sql, List<TicketState> tickets) {
        Map<String, TicketState> found = new HashMap<>();
        sql.sql("""
                        SELECT id::text, version, status, archived, public_comment_count, internal_note_count,
                               attachment_count
                        FROM {rm}.ticket WHERE id = ANY (?)""")
                .param(tickets.stream().map(t -> UUID.fromString(t.id())).toArray(UUID[]::new))
                .query((rs, n) -> new TicketState(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), null))
                .list().forEach(t -> found.put(t.id(), t));
        return found;
    }

    static List<Divergence> differences(TicketState expected, TicketState actual) {
        if (actual == null) {
            return List.of(new Divergence(expected.id(), "presence", "present", "absent"));
        }
        List<Divergence> found = new ArrayList<>();
        check(found, expected.id(), "version", expected.version(), actual.version());
        check(found, expected.id(), "status", expected.status(), actual.status());
        check(found, expected.id(), "archived", expected.archived(), actual.archived());
        check(found, expected.id(), "publicComments", expected.publicComments(), actual.publicComments());
        check(found, expected.id(), "internalNotes", expected.internalNotes(), actual.internalNotes());
        check(found, expected.id(), "attachments", expected.attachments(), actual.attachments());
        return found;
    }

    /**
     * The service-level milestones each ticket recorded against those its read-side clocks say it reached, up to
     * {@code cutoff} (the sweeper records a milestone shortly after its time).
     */
    private static List<Divergence> slaMilestones(ReadModelSql sql, List<TicketState> page, Instant cutoff) {
        Map<String, List<String>> reached = SlaMilestones.reached(sql, page.stream().map(TicketState::id).toList(),
                cutoff);
        List<Divergence> found = new ArrayList<>();
        for (TicketState ticket : page) {
            if (ticket.slaMilestones() == null) {
                continue;
            }
            List<String> recorded = SlaMilestones.by(ticket.slaMilestones(), cutoff).stream().sorted().toList();
            List<String> computed = reached.getOrDefault(ticket.id(), List.of()).stream().sorted().toList();
            if (!recorded.equals(computed)) {
                found.add(new Divergence(ticket.id(), "slaMilestones", String.join(", ", recorded),
                        String.join(", ", computed)));
            }
        }
        return found;
    }

    /**
     * The values each ticket's field history holds open (what the ticket holds now) against the store's status and
     * archived flag: a lost or doubly applied change leaves none, two, or the wrong one open.
     */
    private static List<Divergence> fieldHistory(ReadModelSql sql, List<TicketState> page) {
        Map<String, Map<String, String>> open = new HashMap<>();
        if (page.isEmpty()) {
            return List.of();
        }
        sql.sql("""
                        SELECT ticket_id::text, field, string_agg(value, ',' ORDER BY value)
                        FROM {rm}.ticket_field_history
                        WHERE ticket_id = ANY (?) AND to_version IS NULL AND field IN ('status', 'archived')
                        GROUP BY 1, 2""")
                .param(page.stream().map(t -> UUID.fromString(t.id())).toArray(UUID[]::new))
                .query(rs -> {
                    open.computeIfAbsent(rs.getString(1), id -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        List<Divergence> found = new ArrayList<>();
        for (TicketState ticket : page) {
            Map<String, String> values = open.getOrDefault(ticket.id(), Map.of());
            check(found, ticket.id(), "history.status", ticket.status(), String.valueOf(values.get("status")));
            check(found, ticket.id(), "history.archived", String.valueOf(ticket.archived()),
                    String.valueOf(values.get("archived")));
        }
        return found;
    }

    private static void check(List<Divergence> found, String id, String field, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            found.add(new Divergence(id, field, String.valueOf(expected), String.valueOf(actual)));
        }
    }

    /** The incrementally kept status counts against the statuses of the tickets the store has. */
    private static List<Divergence> statusCounts(ReadModelSql sql, Map<String, Long> expected) {
        Map<String, Long> actual = new TreeMap<>();
        sql.sql("SELECT status, tickets FROM {rm}.ticket_count_by_status WHERE NOT archived AND tickets <> 0")
                .query(rs -> {
                    actual.merge(rs.getString(1), rs.getLong(2), Long::sum);
                });
        List<Divergence> found = new ArrayList<>();
        java.util.Set<String> statuses = new java.util.TreeSet<>(expected.keySet());
        statuses.addAll(actual.keySet());
        for (String status : statuses) {
            long want = expected.getOrDefault(status, 0L);
            long have = actual.getOrDefault(status, 0L);
            if (want != have) {
                found.add(new Divergence("(all)", "count of " + status, Long.toString(want), Long.toString(have)));
            }
        }
        return found;
    }
}
