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
 * the SLA counts, three reads whatever the number of tickets (one for a requester).
 */
@Component
class Counts {

    private static final List<String> UNRESOLVED = List.of("open", "in_progress", "waiting_on_customer");

    private final DocketApi api;

    Counts(DocketApi api) {
        this.api = api;
    }

    /** The count answers the queues are counted from: for a requester, the status counts alone. */
    record Stats(Map<String, Object> statuses, List<?> assignees, Map<String, Object> sla) {
    }

    Stats read(ConsoleUser user) {
        Map<String, Object> statuses = api.get(user, uri -> uri.path("/api/stats/status-counts").build());
        if (!user.worksTickets()) {
            return new Stats(statuses, List.of(), Map.of());
        }
        return new Stats(statuses,
                (List<?>) api.get(user, uri -> uri.path("/api/stats/assignee-counts").build()).get("assignees"),
                api.get(user, uri -> uri.path("/api/sla/counts").build()));
    }

    /** Each queue's count, by its slug. */
    Map<String, Long> ofQueues(ConsoleUser user) {
        return ofQueues(user, read(user));
    }

    /** Each queue's count, by its slug, from answers already read (the dashboard shows them too). */
    Map<String, Long> ofQueues(ConsoleUser user, Stats stats) {
        Map<?, ?> byStatus = (Map<?, ?>) stats.statuses().get("byStatus");
        long unresolved = sum(byStatus, UNRESOLVED);
        long total = number(stats.statuses().get("total"));
        Map<String, Long> counts = new LinkedHashMap<>();
        if (!user.worksTickets()) {
            counts.put(Queue.OWN_OPEN.slug, unresolved);
            counts.put(Queue.OWN_ALL.slug, total);
            return counts;
        }
        long mine = 0;
        long unassigned = 0;
        for (Object entry : stats.assignees()) {
            Map<?, ?> row = (Map<?, ?>) entry;
            Map<?, ?> assignee = (Map<?, ?>) row.get("assignee");
            long count = sum((Map<?, ?>) row.get("byStatus"), UNRESOLVED);
            if (assignee == null) {
                unassigned = count;
            } else if (Objects.equals(String.valueOf(assignee.get("id")), user.subject())) {
                mine = count;
            }
        }
        counts.put(Queue.MINE.slug, mine);
        counts.put(Queue.UNASSIGNED.slug, unassigned);
        counts.put(Queue.OPEN.slug, unresolved);
        counts.put(Queue.WAITING.slug, number(byStatus.get("waiting_on_customer")));
        counts.put(Queue.RECENT.slug, total);
        counts.put(Queue.BREACHED.slug, number(((Map<?, ?>) stats.sla().get("breached")).get("total")));
        counts.put(Queue.AT_RISK.slug, number(((Map<?, ?>) stats.sla().get("atRisk")).get("total")));
        return counts;
    }

    static long sum(Map<?, ?> byStatus, List<String> statuses) {
        return statuses.stream().mapToLong(status -> number(byStatus.get(status))).sum();
    }

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
