package dev.docket.query.ticket;

import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/tickets/{id}/diff?from=&to=}: what changed between two versions or instants of a ticket. */
@RestController
@Tag(name = "Tickets")
@RequestMapping(path = "/api/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
class TicketDiffController {

    private final ReadModelGenerations generations;
    private final JsonMapper json;

    TicketDiffController(ReadModelGenerations generations, JsonMapper json) {
        this.generations = generations;
        this.json = json;
    }

    @Operation(summary = "What changed between two versions or instants of a ticket: a JSON Patch (RFC 6902) from "
            + "the view at from to the view at to, each operation with its version, time and actor")
    @GetMapping("/{id}/diff")
    TicketDiff diff(@PathVariable String id,
                    @RequestParam @Schema(description = PastTickets.Point.FORMAT) String from,
                    @RequestParam(required = false) @Schema(description = PastTickets.Point.FORMAT
                            + "; the current version when absent") String to) {
        UUID ticketId = TicketQueryController.ticketId(id);
        PastTickets.Point start = PastTickets.Point.parse("from", from);
        PastTickets.Point end = to == null ? PastTickets.Point.LATEST
                : PastTickets.Point.parse("to", to);
        ReadModelSql sql = generations.active();
        Viewer viewer = Viewer.current();
        PastTickets.Past a = PastTickets.at(sql, json, ticketId, start, viewer, "from").orElseThrow(() -> TicketQueryController.notFound(
                ticketId));
        PastTickets.Past b = PastTickets.at(sql, json, ticketId, end, viewer, "to").orElseThrow(() -> TicketQueryController.notFound(
                ticketId));
        if (a.view().version() > b.view().version()) {
            throw DocketException.invalid("from", "must not come after to (version " + a.view().version() + " > "
                    + b.view().version() + ")");
        }
        JsonNode before = json.valueToTree(a.view());
        JsonNode after = json.valueToTree(b.view());
        long last = b.view().version();
        List<TicketDiff.Operation> ops = TicketDiff.between(before, after, (member, element) -> switch (member) {
            case "comments", "attachments" -> element != null && element.has("ticketVersion")
                    ? element.get("ticketVersion").asLong() : last;
            default -> b.setAt().getOrDefault(member, last);
        });
        return new TicketDiff(ticketId, new TicketDiff.End(a.view().version(), a.at()),
                new TicketDiff.End(last, b.at()), TicketDiff.attributed(ops, authors(sql, ticketId, ops, viewer)));
    }

    /**
     * Who made the versions the operations name, and when. A requester learns nothing of an internal note: a change
     * it made (the version, the last activity) is shown without its time and author.
     */
    private static Map<Long, TicketDiff.Author> authors(ReadModelSql sql, UUID ticket, List<TicketDiff.Operation> ops,
                                                        Viewer viewer) {
        Map<Long, TicketDiff.Author> authors = new HashMap<>();
        if (ops.isEmpty()) {
            return authors;
        }
        sql.sql("SELECT version, occurred_at, actor FROM {rm}.audit_entry WHERE subject_id = ? AND version = ANY (?)"
                        + (viewer.seesEverything() ? "" : " AND coalesce(changes -> 'comment' ->> 'visibility', '') <> "
                        + "'internal'"))
                .params(ticket, ops.stream().map(TicketDiff.Operation::version).distinct().toArray(Long[]::new))
                .query(rs -> {
                    authors.put(rs.getLong(1), new TicketDiff.Author(rs.getTimestamp(2).toInstant(), rs.getString(3)));
                });
        return authors;
    }
}
