package dev.docket.console.web;

import dev.docket.console.api.DocketApi;
import dev.docket.console.signin.ConsoleUser;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact count of every queue, from the query service's count tables: status counts, counts per assignee and
 * the SLA counts, three reads whatever the number of tickets.
 */
@Component
class Counts {

    private static final List<String> UNRESOLVED = List.of("open", "in_progress", "waiting_on_customer");

    private final DocketApi api;

    Counts(DocketApi api) {
        this.api = api;
    }

    /** Each queue's count, by its slug. */
    Map<String, Long> ofQueues(ConsoleUser user) {
        Map<String, Object> statuses = api.get(user, uri -> uri.path("/api/stats/status-counts").build());
        Map<?, ?> byStatus = (Map<?, ?>) statuses.get("byStatus");
        long unresolved = sum(byStatus, UNRESOLVED);
        long total = number(statuses.get("total"));
        Map<String, Long> counts = new LinkedHashMap<>();
        if (!user.worksTickets()) {
            counts.put(Queue.OWN_OPEN.slug, unresolved);
            counts.put(Queue.OWN_ALL.slug, total);
            return counts;
        }
        List<?> assignees = (List<?>) api.get(user, uri -> uri.path("/api/stats/assignee-counts").build())
                .get("assignees");
        long mine = 0;
        long unassigned = 0;
        for (Object entry : assignees) {
            Map<?, ?> row = (Map<?, ?>) entry;
            Map<?, ?> assignee = (Map<?, ?>) row.get("assignee");
            long count = sum((Map<?, ?>) row.get("byStatus"), UNRESOLVED);
            if (assignee == null) {
                unassigned = count;
            } else if (Objects.equals(String.valueOf(assignee.get("id")), user.subject())) {
                mine = count;
            }
        }
        Map<String, Object> sla = api.get(user, uri -> uri.path("/api/sla/counts").build());
        counts.put(Queue.MINE.slug, mine);
        counts.put(Queue.UNASSIGNED.slug, unassigned);
        counts.put(Queue.OPEN.slug, unresolved);
        counts.put(Queue.WAITING.slug, number(byStatus.get("waiting_on_customer")));
        counts.put(Queue.RECENT.slug, total);
        counts.put(Queue.BREACHED.slug, number(((Map<?, ?>) sla.get("breached")).get("total")));
        counts.put(Queue.AT_RISK.slug, number(((Map<?, ?>) sla.get("atRisk")).get("total")));
        return counts;
    }

    static long sum(Map<?, ?> byStatus, List<String> statuses) {
        return statuses.stream().mapToLong(status -> number(byStatus.get(status))).sum();
    }

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
