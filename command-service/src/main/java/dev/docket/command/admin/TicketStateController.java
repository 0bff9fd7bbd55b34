package dev.docket.command.admin;

import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/admin/ticket-states?after=&limit=}: every ticket as the event store has it, in id order. The
 * query service's consistency check reads it page by page and compares each ticket with its read models.
 */
@RestController
@Tag(name = "Operations")
class TicketStateController {

    static final int MAX_LIMIT = 1_000;

    private final TicketStates states;

    TicketStateController(TicketStates states) {
        this.states = states;
    }

    /** @param next the {@code after} of the next page; null on the last */
    record TicketStatePage(List<TicketStates.TicketState> items, @Nullable String next) {
    }

    @Operation(summary = "Every ticket as the event store has it (admins), for the consistency check")
    @GetMapping(path = "/api/admin/ticket-states", produces = MediaType.APPLICATION_JSON_VALUE)
    TicketStatePage page(@RequestParam(required = false) @Schema(format = "uuid") String after, @RequestParam(required = false)
            @Schema(minimum = "1", maximum = "" + MAX_LIMIT, defaultValue = "500") Integer limit) {
        if (after != null && !after.isEmpty()) {
            try {
                after = UUID.fromString(after).toString();
            } catch (IllegalArgumentException e) {
                throw DocketException.invalid("after", "must be a ticket id (a UUID)");
            }
        }
        int size = limit == null ? 500 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw DocketException.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        List<TicketStates.TicketState> items = states.page(after == null ? "" : after, size);
        return new TicketStatePage(items, items.size() == size ? items.getLast().id() : null);
    }
}
