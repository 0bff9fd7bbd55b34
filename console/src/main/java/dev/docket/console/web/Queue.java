package dev.docket.console.web;

import dev.docket.console.signin.ConsoleUser;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The queues of the console: each a filter-language expression and a default order, counted exactly from the query
 * service's count tables (never by counting a list). Agents and admins get the agent queues; anyone else the
 * requester's.
 */
enum Queue {

    MINE("mine", "My open tickets", "assignee = {me} AND " + Queue.UNRESOLVED, "-updated", true),
    UNASSIGNED("unassigned", "Unassigned", "assignee = none AND " + Queue.UNRESOLVED, "created", true),
    OPEN("open", "All open", Queue.UNRESOLVED, "-updated", true),
    WAITING("waiting", "Waiting on customer", "status = waiting_on_customer", "-updated", true),
    RECENT("recent", "Recently updated", null, "-updated", true),
    BREACHED("breached", "SLA breached", "sla breached", "sla", true),
    AT_RISK("at-risk", "SLA at risk", "sla at risk", "sla", true),
    OWN_OPEN("my-open", "My open requests", Queue.UNRESOLVED, "-updated", false),
    OWN_ALL("my-requests", "All my requests", null, "-updated", false);

    static final String UNRESOLVED = "status IN (open, in_progress, waiting_on_customer)";

    final String slug;
    final String title;
    private final @Nullable String filter;
    final String sort;
    final boolean forAgents;

    Queue(String slug, String title, @Nullable String filter, String sort, boolean forAgents) {
        this.slug = slug;
        this.title = title;
        this.filter = filter;
        this.sort = sort;
        this.forAgents = forAgents;
    }

    /** The expression for this person: {@code {me}} is their id. */
    @Nullable String filterFor(ConsoleUser user) {
        return filter == null ? null : filter.replace("{me}", user.subject());
    }

    static List<Queue> of(ConsoleUser user) {
        return Arrays.stream(values()).filter(q -> q.forAgents == user.worksTickets()).toList();
    }

    static Optional<Queue> find(String slug, ConsoleUser user) {
        return of(user).stream().filter(q -> q.slug.equals(slug)).findFirst();
    }

    static Queue first(ConsoleUser user) {
        return of(user).getFirst();
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
