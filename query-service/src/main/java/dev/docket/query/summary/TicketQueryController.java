package dev.docket.query.summary;

import dev.docket.events.ErrorCode;
import dev.docket.events.TicketId;
import dev.docket.support.errors.DocketException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
class TicketQueryController {

    static final int MAX_LIMIT = 200;

    private final TicketSummaryQueries queries;

    TicketQueryController(TicketSummaryQueries queries) {
        this.queries = queries;
    }

    /** A list entry: the summary without the (possibly long) description. */
    record TicketListItem(UUID id, String number, String title, String status, String priority, UUID requesterId,
                          UUID assigneeId, List<String> tags, boolean archived, Instant createdAt, Instant updatedAt,
                          long version) {

        static TicketListItem of(TicketSummary s) {
            return new TicketListItem(s.id(), s.number(), s.title(), s.status(), s.priority(), s.requesterId(),
                    s.assigneeId(), s.tags(), s.archived(), s.createdAt(), s.updatedAt(), s.version());
        }
    }

    record TicketList(List<TicketListItem> items) {
    }

    @GetMapping("/{id}")
    ResponseEntity<TicketSummary> ticket(@PathVariable String id) {
        TicketId ticketId;
        try {
            ticketId = TicketId.parse(id);
        } catch (IllegalArgumentException e) {
            throw DocketException.invalid("id", "must be a ticket id (a UUID)");
        }
        TicketSummary ticket = queries.find(ticketId.value())
                .orElseThrow(() -> new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + ticketId + "."));
        return ResponseEntity.ok().eTag(String.valueOf(ticket.version())).body(ticket);
    }

    /** The newest tickets first. */
    @GetMapping
    TicketList newest(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DocketException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new TicketList(queries.newest(limit).stream().map(TicketListItem::of).toList());
    }
}
