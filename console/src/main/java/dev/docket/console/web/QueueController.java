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

/**
 * The queues: a list per queue with its exact count, sortable columns, keyset paging without a cap and free-text
 * search, all read from the query API as the signed-in person. An htmx request (a live refresh, a sort, a search)
 * gets the list alone; a browser's plain request the whole page.
 */
@Controller
class QueueController {

    /** The columns a list sorts by, as the query API names the orders. */
    static final Set<String> SORTS = Set.of("created", "-created", "updated", "-updated", "priority", "-priority", "sla",
            "relevance");

    private final DocketApi api;
    private final Counts counts;

    QueueController(DocketApi api, Counts counts) {
        this.api = api;
        this.counts = counts;
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
        String text = q == null || q.isBlank() ? null : q.strip();
        String order = sort != null && SORTS.contains(sort) ? sort : text != null ? "relevance" : queue.sort;
        String filter = queue.filterFor(user);
        // values go in as variables: encoded whole, so a '+' or '&' in a search stays what it was
        Map<String, Object> values = new java.util.HashMap<>(Map.of("sort", order));
        Map<String, Object> page = api.get(user, uri -> {
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
        model.addAttribute("queue", queue);
        model.addAttribute("items", page.getOrDefault("items", List.of()));
        model.addAttribute("nextCursor", page.get("nextCursor"));
        model.addAttribute("q", text);
        model.addAttribute("sort", order);
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        if (htmx != null) {
            return "queue :: list";
        }
        model.addAttribute("queues", Queue.of(user));
        model.addAttribute("counts", counts.ofQueues(user));
        model.addAttribute("user", user);
        return "queue";
    }

    /** The queues with their counts: the side bar, refreshed live. */
    @GetMapping("/queues")
    String queues(@RequestParam(required = false) @Nullable String current, @AuthenticationPrincipal ConsoleUser user,
                  Model model) {
        model.addAttribute("queues", Queue.of(user));
        model.addAttribute("counts", counts.ofQueues(user));
        model.addAttribute("current", current);
        return "fragments :: queues";
    }
}
