package dev.docket.query.ticket;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserId;
import dev.docket.query.ContractRecords;
import dev.docket.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts are kept incrementally, in the events' transactions; after thousands of random events, some delivered
 * twice, they equal a count over the tickets themselves.
 */
class StatusCountsIT extends QueryServiceTestBase {

    private static final int TICKETS = 250;
    private static final int CHANGES = 3000;

    /** One ticket's state while the random history is made, so every event is consistent with the one before. */
    private static final class Ticket {
        final TicketId id = new TicketId(UUID.randomUUID());
        final List<TicketEvent> history = new ArrayList<>();
        TicketStatus status = TicketStatus.OPEN;
        Priority priority;
        UserId assignee;
        boolean archived;
    }

    @Test
    void countsEqualACountOverTheTicketsAfterARandomMixOfThousandsOfEventsSomeDeliveredTwice() throws Exception {
        Random random = new Random(20261124);
        List<UserId> agents = List.of(agent(), agent(), agent(), agent(), agent());
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            Ticket ticket = new Ticket();
            ticket.priority = Priority.values()[random.nextInt(4)];
            ticket.history.add(new TicketOpened(ticket.id, "CNT-" + UUID.randomUUID().toString().substring(0, 8),
                    "Count me " + i, "", ticket.priority, ContractRecords.REQUESTER, List.of()));
            tickets.add(ticket);
        }
        for (int i = 0; i < CHANGES; i++) {
            Ticket ticket = tickets.get(random.nextInt(TICKETS));
            ticket.history.add(randomChange(ticket, random, agents));
        }

        // Interleave the tickets' histories (each in its own order) and deliver about 5% twice.
        Map<Ticket, Integer> sent = new HashMap<>();
        List<Ticket> pending = new ArrayList<>(tickets);
        long position = 1;
        Instant at = Instant.now();
        int duplicates = 0;
        while (!pending.isEmpty()) {
            Ticket ticket = pending.get(random.nextInt(pending.size()));
            int index = sent.merge(ticket, 1, Integer::sum) - 1;
            var record = ContractRecords.record(topic, UUID.randomUUID().toString(), ticket.history.get(index),
                    index + 1, position++, at.plusMillis(position));
            events.sendAsync(record);
            if (random.nextInt(20) == 0) {
                events.sendAsync(record);
                duplicates++;
            }
            if (index + 1 == ticket.history.size()) {
                pending.remove(ticket);
            }
        }
        events.flush();
        for (Ticket ticket : tickets) {
            awaitVersion(ticket.id, ticket.history.size());
        }
        assertThat(duplicates).isGreaterThan(100);

        JsonNode status = getJson("/api/stats/status-counts");
        Map<String, Long> expectedByStatus = countOver(
                "SELECT status, count(*) FROM rm_1.ticket WHERE NOT archived GROUP BY status");
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(status.get("byStatus").get(s.wireName()).asLong()).as(s.wireName())
                    .isEqualTo(expectedByStatus.getOrDefault(s.wireName(), 0L));
        }
        assertThat(status.get("archived").asLong()).isEqualTo(queryLong("SELECT count(*) FROM rm_1.ticket WHERE archived"));
        assertThat(status.get("total").asLong()).isEqualTo(queryLong("SELECT count(*) FROM rm_1.ticket WHERE NOT archived"));
        assertThat(status.get("archived").asLong()).isPositive();

        JsonNode priority = getJson("/api/stats/priority-counts");
        Map<String, Long> expectedByStatusAndPriority = countOver(
                "SELECT status || '/' || priority, count(*) FROM rm_1.ticket WHERE NOT archived GROUP BY 1");
        Map<String, Long> actualByStatusAndPriority = new TreeMap<>();
        priority.get("byStatus").properties().forEach(s -> s.getValue().properties().forEach(p -> {
            if (p.getValue().asLong() != 0) {
                actualByStatusAndPriority.put(s.getKey() + "/" + p.getKey(), p.getValue().asLong());
            }
        }));
        assertThat(actualByStatusAndPriority).isEqualTo(expectedByStatusAndPriority);

        JsonNode assignees = getJson("/api/stats/assignee-counts");
        Map<String, Long> expectedByAssignee = countOver("""
                SELECT coalesce(assignee_id::text, 'none') || '/' || status, count(*) FROM rm_1.ticket
                WHERE NOT archived GROUP BY 1""");
        Map<String, Long> actualByAssignee = new TreeMap<>();
        assignees.get("assignees").forEach(a -> a.get("byStatus").properties().forEach(s -> {
            if (s.getValue().asLong() != 0) {
                actualByAssignee.put((a.get("assignee").isNull() ? "none" : a.get("assignee").get("id").asString())
                        + "/" + s.getKey(), s.getValue().asLong());
            }
        }));
        assertThat(actualByAssignee).isEqualTo(expectedByAssignee);
    }

    private static TicketEvent randomChange(Ticket t, Random random, List<UserId> agents) {
        if (t.archived) {
            t.archived = false;
            return new TicketRestored(t.id, "");
        }
        return switch (random.nextInt(6)) {
            case 0 -> {
                Priority from = t.priority;
                Priority to = Priority.values()[(from.ordinal() + 1 + random.nextInt(3)) % 4];
                t.priority = to;
                yield new TicketPriorityChanged(t.id, from, to);
            }
            case 1 -> {
                UserId previous = t.assignee;
                t.assignee = agents.get(random.nextInt(agents.size()));
                yield new TicketAssigned(t.id, t.assignee, previous);
            }
            case 2 -> {
                if (t.assignee == null) {
                    yield comment(t);
                }
                UserId previous = t.assignee;
                t.assignee = null;
                yield new TicketUnassigned(t.id, previous);
            }
            case 3 -> {
                TicketStatus from = t.status;
                TicketStatus[] all = TicketStatus.values();
                TicketStatus to = all[(from.ordinal() + 1 + random.nextInt(all.length - 1)) % all.length];
                t.status = to;
                yield new TicketStatusChanged(t.id, from, to, "");
            }
            case 4 -> {
                if (random.nextInt(4) != 0) {
                    yield comment(t);
                }
                t.archived = true;
                yield new TicketArchived(t.id, "");
            }
            default -> comment(t);
        };
    }

    private static TicketEvent comment(Ticket t) {
        return new TicketCommentAdded(t.id, new CommentId(UUID.randomUUID()), "tester", CommentVisibility.PUBLIC, "Hi");
    }

    private static UserId agent() {
        return new UserId(UUID.randomUUID());
    }

    private Map<String, Long> countOver(String sql) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
