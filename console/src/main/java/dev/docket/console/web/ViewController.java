package dev.docket.console.web;

import dev.docket.console.api.ApiProblem;
import dev.docket.console.api.DocketApi;
import dev.docket.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person's saved views: a name, a filter-language expression and an order, kept by the query service. A view's
 * page is a list like a queue's; the side bar counts each view exactly. An expression the search refuses is shown
 * with the API's words, where it went wrong.
 */
@Controller
class ViewController {

    private final DocketApi api;
    private final QueueController lists;

    ViewController(DocketApi api, QueueController lists) {
        this.api = api;
        this.lists = lists;
    }

    @GetMapping("/views/{id}")
    String view(@PathVariable String id, @RequestParam(required = false) @Nullable String q,
                @RequestParam(required = false) @Nullable String sort,
                @RequestParam(required = false) @Nullable String cursor,
                @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                @AuthenticationPrincipal ConsoleUser user, Model model) {
        Map<String, Object> view = saved(user, id);
        String order = view.get("sort") == null ? "-created" : String.valueOf(view.get("sort"));
        QueueController.ListPage page = new QueueController.ListPage("/views/" + view.get("id"),
                String.valueOf(view.get("name")), String.valueOf(view.get("filter")), order,
                String.valueOf(view.get("id")));
        return lists.list(page, q, sort, cursor, htmx, user, model);
    }

    /** A new view's form, filled from where it was asked for (a queue's expression and order, say). */
    @GetMapping("/views/new")
    String newView(@RequestParam(required = false) @Nullable String filter,
                   @RequestParam(required = false) @Nullable String sort, @AuthenticationPrincipal ConsoleUser user,
                   Model model) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("filter", filter == null ? "" : filter);
        draft.put("sort", sort);
        return form(user, model, draft, null);
    }

    @PostMapping("/views")
    String add(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String filter,
               @RequestParam(defaultValue = "") String sort, @AuthenticationPrincipal ConsoleUser user, Model model,
               HttpServletResponse response) {
        Map<String, Object> draft = draft(name, filter, sort);
        try {
            Map<String, Object> saved = api.queryChange(user, "POST", "/api/views", draft);
            return "redirect:/views/" + saved.get("id");
        } catch (ApiProblem problem) {
            return refused(problem, user, model, response, draft, null);
        }
    }

    @GetMapping("/views/{id}/edit")
    String edit(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user, Model model) {
        Map<String, Object> view = saved(user, id);
        return form(user, model, view, String.valueOf(view.get("id")));
    }

    @PostMapping("/views/{id}")
    String change(@PathVariable String id, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String filter, @RequestParam(defaultValue = "") String sort,
                  @AuthenticationPrincipal ConsoleUser user, Model model, HttpServletResponse response) {
        Map<String, Object> draft = draft(name, filter, sort);
        try {
            api.queryChange(user, "PUT", "/api/views/" + viewId(id), draft);
            return "redirect:/views/" + viewId(id);
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                throw new PageNotFound("You have no such saved view.");
            }
            return refused(problem, user, model, response, draft, viewId(id));
        }
    }

    @PostMapping("/views/{id}/delete")
    String remove(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user) {
        try {
            api.queryChange(user, "DELETE", "/api/views/" + viewId(id), null);
        } catch (ApiProblem problem) {
            if (problem.status() != 404) {
                throw problem;
            }
            // gone already: what was asked for holds
        }
        return "redirect:/";
    }

    private Map<String, Object> saved(ConsoleUser user, String id) {
        try {
            return api.get(user, uri -> uri.path("/api/views/{id}").build(viewId(id)));
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                throw new PageNotFound("You have no such saved view.");
            }
            throw problem;
        }
    }

    private String form(ConsoleUser user, Model model, Map<String, Object> draft, @Nullable String id) {
        model.addAttribute("user", user);
        model.addAttribute("draft", draft);
        model.addAttribute("viewId", id);
        model.addAttribute("heading", id == null ? "New view" : "Edit the view");
        model.addAttribute("columns", QueueController.columnsFor(user));
        return "view-form";
    }

    private String refused(ApiProblem problem, ConsoleUser user, Model model, HttpServletResponse response,
                           Map<String, Object> draft, @Nullable String id) {
        if (problem.status() == 401) {
            throw problem;
        }
        response.setStatus(problem.status() >= 500 ? 502 : problem.status());
        model.addAttribute("error", problem.detail());
        return form(user, model, draft, id);
    }

    private static Map<String, Object> draft(String name, String filter, String sort) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", name);
        draft.put("filter", filter);
        draft.put("sort", sort.isBlank() ? null : sort);
        return draft;
    }

    /** A view id as the page's address gave it: a UUID, or no view at all. */
    private static String viewId(String id) {
        try {
            return java.util.UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new PageNotFound("You have no such saved view.");
        }
    }
}
