package dev.docket.console.web;

import dev.docket.console.api.DocketApi;
import dev.docket.console.signin.ConsoleUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The queues: a list per queue with its exact count, sortable columns, keyset paging without a cap and free-text
 * search, all read from the query API as the signed-in person. An htmx request (a live refresh, a sort, a search)
 * gets the list alone; a browser's plain request the whole page.
 */
@Controller
class QueueController {

    /**
     * A list's column: its heading, the query API's order up and down it (the same for a column sorted one way only),
     * and which of the two a first click asks for.
     */
    public record Column(String label, String ascending, String descending, boolean descendingFirst, boolean agentsOnly) {

        /** Where a click on the heading goes from the current order: the other way, or this column's first way. */
        public String next(String current) {
            if (current.equals(ascending)) {
                return descending;
            }
            if (current.equals(descending)) {
                return ascending;
            }
            return descendingFirst ? descending : ascending;
        }

        /** The heading's {@code aria-sort}, or null when the list is not in this column's order. */
        public @Nullable String ariaSort(String current) {
            return current.equals(ascending) ? "ascending" : current.equals(descending) ? "descending" : null;
        }
    }

    /** The list's columns, in the order shown. */
    static final List<Column> COLUMNS = List.of(
            new Column("Number", "created", "-created", true, false),
            new Column("Title", "title", "-title", false, false),
            new Column("Requester", "requester", "-requester", false, false),
            new Column("Assignee", "assignee", "-assignee", false, false),
            new Column("Status", "status", "-status", false, false),
            new Column("Priority", "priority", "-priority", true, false),
            new Column("Updated", "updated", "-updated", true, false),
            new Column("SLA due", "sla", "sla", false, true));

    /** The columns {@code user} sees (the SLA column is for those who work tickets). */
    static List<Column> columnsFor(ConsoleUser user) {
        return COLUMNS.stream().filter(c -> !c.agentsOnly() || user.worksTickets()).toList();
    }

    /** The orders a list takes, as the query API names them. */
    static final Set<String> SORTS = Stream.concat(Stream.of("relevance"),
            COLUMNS.stream().flatMap(c -> Stream.of(c.ascending(), c.descending()))).collect(Collectors.toSet());

    /**
     * A list page: a queue or a saved view.
     *
     * @param path   where it is (its links page and sort from there)
     * @param viewId the saved view's id, or null for a queue
     */
    public record ListPage(String path, String title, @Nullable String filter, String defaultSort,
                           @Nullable String viewId) {
    }

    private final DocketApi api;
    private final Sidebar sidebar;

    QueueController(DocketApi api, Sidebar sidebar) {
        this.api = api;
        this.sidebar = sidebar;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal ConsoleUser user) {
        return "redirect:/queues/" + Queue.first(user).slug;
    }

    @GetMapping("/queues/{slug}")
    String queue(@PathVariable String slug, @RequestParam(required = false) @Nullable String q,
                 @RequestParam(required = false) @Nullable String sort,
                 @RequestParam(required = false) @Nullable String cursor,
                 @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                 @AuthenticationPrincipal ConsoleUser user, Model model) {
        Queue queue = Queue.find(slug, user).orElseThrow(() -> new PageNotFound("There is no queue " + slug + "."));
        ListPage page = new ListPage("/queues/" + queue.slug, queue.title, queue.filterFor(user), queue.sort, null);
        return list(page, q, sort, cursor, htmx, user, model);
    }

    /**
     * A list page, or (for htmx: a live refresh, a sort, a search) the list alone: the tickets of {@code page}'s
     * filter, searched for {@code q}, in {@code sort}'s order, from {@code cursor} on.
     *
     */
    String list(ListPage page, @Nullable String q, @Nullable String sort, @Nullable String cursor,
                @Nullable String htmx, ConsoleUser user, Model model) {
        String text = q == null || q.isBlank() ? null : q.strip();
        String order = sort != null && SORTS.contains(sort) ? sort : text != null ? "relevance" : page.defaultSort();
        String filter = page.filter();
        // values go in as variables: encoded whole, so a '+' or '&' in a search stays what it was
        Map<String, Object> values = new java.util.HashMap<>(Map.of("sort", order));
        Map<String, Object> found = api.get(user, uri -> {
            uri.path("/api/tickets").queryParam("limit", 50).queryParam("sort", "{sort}");
            if (text != null) {
                uri.queryParam("q", "{q}");
                values.put("q", text);
            }
            if (filter != null) {
                uri.queryParam("filter", "{filter}");
                values.put("filter", filter);
            }
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", "{cursor}");
                values.put("cursor", cursor);
            }
            return uri.build(values);
        });
        model.addAttribute("list", page);
        model.addAttribute("items", found.getOrDefault("items", List.of()));
        model.addAttribute("nextCursor", found.get("nextCursor"));
        model.addAttribute("q", text);
        model.addAttribute("sort", order);
        model.addAttribute("columns", columnsFor(user));
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        model.addAttribute("user", user);
        if (htmx != null) {
            return "queue :: list";
        }
        sidebar.fill(user, model, page.path());
        return "queue";
    }

    /** The person's saved views with their exact counts: the side bar's second part, after the page and live. */
    @GetMapping("/views/side")
    String views(@RequestParam(required = false) @Nullable String current, @AuthenticationPrincipal ConsoleUser user,
                 Model model) {
        model.addAttribute("views", sidebar.views(user, true));
        model.addAttribute("current", current);
        return "fragments :: views";
    }

    /** The queues with their counts: the side bar's first part, refreshed live. */
    @GetMapping("/queues")
    String queues(@RequestParam(required = false) @Nullable String current, @AuthenticationPrincipal ConsoleUser user,
                  Model model) {
        sidebar.fillQueues(user, model, current, sidebar.counts(user));
        return "fragments :: queue-list";
    }
}
