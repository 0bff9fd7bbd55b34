package dev.docket.query.audit;

import dev.docket.events.ErrorCode;
import dev.docket.events.TicketId;
import dev.docket.query.api.QueryParameters;
import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.errors.DocketException;
import dev.docket.support.web.DateOrInstant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The audit history: per ticket, and across subjects by actor and time. Oldest first, keyset-paginated. */
@RestController
@Tag(name = "Audit")
@org.springframework.web.bind.annotation.RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final ReadModelGenerations generations;
    private final Consistency consistency;

    AuditController(ReadModelGenerations generations, Consistency consistency) {
        this.generations = generations;
        this.consistency = consistency;
    }

    record AuditPage(List<AuditEntry> items, @Nullable String nextCursor) {
    }

    @Operation(summary = "A ticket's audit history: who, when, why, what changed")
    @GetMapping("/api/tickets/{id}/history")
    AuditPage history(@PathVariable String id, @RequestParam(required = false) Long minVersion,
                      @RequestParam(required = false) String cursor, @RequestParam(required = false) @Schema(minimum = "1", maximum = "" + MAX_LIMIT,
                            defaultValue = "" + DEFAULT_LIMIT) Integer limit) {
        UUID ticket;
        try {
            ticket = TicketId.parse(id).value();
        } catch (IllegalArgumentException e) {
            throw DocketException.invalid("id", "must be a ticket id (a UUID)");
        }
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        if (minVersion != null) {
            if (minVersion < 1) {
                throw DocketException.invalid("minVersion", "must be at least 1");
            }
            consistency.await(List.of(new Consistency.Requirement(ticket, minVersion)));
        }
        long afterVersion = 0;
        if (cursor != null) {
            try {
                afterVersion = Long.parseLong(decode(cursor).substring("v:".length()));
            } catch (RuntimeException e) {
                throw badCursor();
            }
        }
        ReadModelSql sql = generations.active();
        Viewer viewer = Viewer.current();
        if (!viewer.seesEverything() && !AuditQueries.requestedBy(sql, ticket, viewer.ownTicketsOf())) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + ticket + ".");
        }
        List<AuditEntry> entries = AuditQueries.history(sql, ticket, afterVersion, pageSize + 1,
                viewer.seesEverything());
        if (entries.isEmpty() && cursor == null && !AuditQueries.subjectKnown(sql, ticket)) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + ticket + ".");
        }
        String next = entries.size() > pageSize ? encode("v:" + entries.get(pageSize - 1).version()) : null;
        return new AuditPage(entries.size() > pageSize ? entries.subList(0, pageSize) : entries, next);
    }

    /**
     * @param from inclusive, a date (UTC midnight) or an instant
     * @param to   exclusive, likewise
     */
    @Operation(summary = "The audit log across tickets and people, by actor and time")
    @GetMapping("/api/audit")
    AuditPage audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                    @RequestParam(required = false) @Schema(minimum = "1", maximum = "" + MAX_LIMIT,
                            defaultValue = "" + DEFAULT_LIMIT) Integer limit,
                    @RequestParam(required = false) List<String> consistentWith) {
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw DocketException.invalid("to", "must be after from");
        }
        Instant afterTime = null;
        String afterEvent = null;
        if (cursor != null) {
            try {
                String[] parts = decode(cursor).split("\\|", 2);
                afterTime = Instant.parse(parts[0]);
                afterEvent = parts[1];
            } catch (RuntimeException e) {
                throw badCursor();
            }
        }
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        if (who != null && who.length() > 255) {
            throw DocketException.invalid("actor", "must be at most 255 characters");
        }
        List<AuditEntry> entries = AuditQueries.across(generations.active(), who, start, end, afterTime, afterEvent,
                pageSize + 1);
        String next = null;
        if (entries.size() > pageSize) {
            AuditEntry last = entries.get(pageSize - 1);
            next = encode(last.occurredAt() + "|" + last.eventId());
        }
        return new AuditPage(entries.size() > pageSize ? entries.subList(0, pageSize) : entries, next);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DateOrInstant.parse(value);
        } catch (DateTimeParseException e) {
            throw DocketException.invalid(name, "must be a date (2026-11-24) or an instant (2026-11-24T09:30:00Z)");
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    }

    private static DocketException badCursor() {
        return DocketException.invalid("cursor", "is malformed; pass back nextCursor exactly as received");
    }
}
