package dev.docket.query.ticket;

import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Exact ticket counts: from the incrementally kept count tables, or for a requester over their own tickets. */
@RestController
@Tag(name = "Counts")
@RequestMapping(path = "/api/stats", produces = MediaType.APPLICATION_JSON_VALUE)
class StatsController {

    private final ReadModelGenerations generations;
    private final Consistency consistency;

    StatsController(ReadModelGenerations generations, Consistency consistency) {
        this.generations = generations;
        this.consistency = consistency;
    }

    record AssigneeCounts(List<TicketQueries.AssigneeCount> assignees) {
    }

    @Operation(summary = "Exact ticket counts per status")
    @GetMapping("/status-counts")
    TicketQueries.StatusCounts statusCounts(@RequestParam(required = false) List<String> consistentWith) {
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        return TicketQueries.statusCounts(generations.active(), Viewer.current());
    }

    @Operation(summary = "Exact counts per priority (and status), archived tickets aside")
    @GetMapping("/priority-counts")
    TicketQueries.PriorityCounts priorityCounts(@RequestParam(required = false) List<String> consistentWith) {
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        return TicketQueries.priorityCounts(generations.active(), Viewer.current());
    }

    @Operation(summary = "Exact counts per assignee (and status), archived tickets aside")
    @GetMapping("/assignee-counts")
    AssigneeCounts assigneeCounts(@RequestParam(required = false) List<String> consistentWith) {
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        return new AssigneeCounts(TicketQueries.assigneeCounts(generations.active(), Viewer.current()));
    }
}
