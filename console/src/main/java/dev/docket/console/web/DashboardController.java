package dev.docket.console.web;

import dev.docket.console.api.DocketApi;
import dev.docket.console.signin.ConsoleUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/** Counts by status, priority and assignee, and the SLA counts, exact and live (agents and admins). */
@Controller
class DashboardController {

    private final DocketApi api;
    private final Counts counts;
    private final Sidebar sidebar;

    DashboardController(DocketApi api, Counts counts, Sidebar sidebar) {
        this.api = api;
        this.counts = counts;
        this.sidebar = sidebar;
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                     @AuthenticationPrincipal ConsoleUser user, Model model) {
        if (!user.worksTickets()) {
            throw new PageNotFound("The dashboard is for agents.");
        }
        // the counts the queues are counted from are the dashboard's too: read once
        Counts.Stats stats = counts.read(user);
        model.addAttribute("statuses", stats.statuses());
        model.addAttribute("priorities", api.get(user, uri -> uri.path("/api/stats/priority-counts").build()));
        model.addAttribute("assignees", stats.assignees());
        model.addAttribute("sla", stats.sla());
        if (htmx != null) {
            return "dashboard :: numbers";
        }
        model.addAttribute("user", user);
        sidebar.fill(user, model, null, stats);
        return "dashboard";
    }
}
