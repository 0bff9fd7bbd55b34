package dev.docket.console.web;

import dev.docket.console.api.DocketApi;
import dev.docket.console.signin.ConsoleUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The side bar of every list page: the queues and the person's saved views, each with its exact count. A queue is
 * counted from the count tables, which costs nothing, so with the page and at every change. A saved view (any
 * expression) is counted by the search API's exact count, which reads every match (hundreds of milliseconds for a
 * broad expression at a million tickets): so its counts come after the page, in a request of their own, and follow
 * changes at most every few seconds (console.js, data-live-every), the last change always included.
 */
@Component
class Sidebar {

    private final DocketApi api;
    private final Counts counts;

    Sidebar(DocketApi api, Counts counts) {
        this.api = api;
        this.counts = counts;
    }

    /** A saved view as the side bar shows it: its count once counted, null before. */
    public record SavedView(String id, String name, String filter, @Nullable String sort, @Nullable Long count) {

        public String path() {
            return "/views/" + id;
        }
    }

    /** @param current the path of the list shown (a queue's or a view's), or null */
    void fill(ConsoleUser user, Model model, @Nullable String current) {
        fill(user, model, current, counts(user));
    }

    void fill(ConsoleUser user, Model model, @Nullable String current, Counts.Stats stats) {
        fillQueues(user, model, current, stats);
        model.addAttribute("views", views(user, false));
    }

    /** The queues and their counts alone (a live refresh of them reads nothing about the views). */
    void fillQueues(ConsoleUser user, Model model, @Nullable String current, Counts.Stats stats) {
        model.addAttribute("queues", Queue.of(user));
        model.addAttribute("counts", counts.ofQueues(user, stats));
        model.addAttribute("current", current);
    }

    /** The answers the queues are counted from. */
    Counts.Stats counts(ConsoleUser user) {
        return counts.read(user);
    }

    /** The person's saved views, by name, each counted when {@code counted}. */
    List<SavedView> views(ConsoleUser user, boolean counted) {
        List<?> items = (List<?>) api.get(user, uri -> uri.path("/api/views").build()).getOrDefault("items", List.of());
        return items.stream().map(item -> (Map<?, ?>) item).map(view -> new SavedView(String.valueOf(view.get("id")),
                String.valueOf(view.get("name")), String.valueOf(view.get("filter")),
                view.get("sort") == null ? null : String.valueOf(view.get("sort")),
                counted ? count(user, String.valueOf(view.get("filter"))) : null)).toList();
    }

    /** How many tickets an expression finds, exactly. */
    Long count(ConsoleUser user, String filter) {
        Map<String, Object> values = new HashMap<>(Map.of("filter", filter));
        return Counts.number(api.get(user, uri -> uri.path("/api/tickets/count").queryParam("filter", "{filter}")
                .build(values)).get("count"));
    }
}
