package dev.docket.query.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.docket.events.ErrorCode;
import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import dev.docket.query.api.QueryParameters;
import dev.docket.query.api.Viewer;
import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.query.readmodel.ReadProperties;
import dev.docket.query.sla.SlaViews;
import dev.docket.query.ticket.Filter.Op;
import dev.docket.support.digest.Digests;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

@RestController
@Tag(name = "Tickets")
@RequestMapping(path = "/api/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
class TicketQueryController {


    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 200;

    private final ReadModelGenerations generations;
    private final Consistency consistency;
    private final ReadProperties properties;
    private final TransactionTemplate readOnly;
    private final SlaViews slaViews;
    private final JsonMapper json;

    TicketQueryController(ReadModelGenerations generations, Consistency consistency, ReadProperties properties,
                          PlatformTransactionManager transactionManager, SlaViews slaViews, JsonMapper json) {
        this.generations = generations;
        this.json = json;
        this.slaViews = slaViews;
        this.consistency = consistency;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /**
     * @param nextCursor     pass it as {@code cursor} for the next page; null on the last page
     * @param match          how {@code q} matched: fulltext (ranked), substring (of the title, when full-text
     *                       found nothing), or null without {@code q}
     * @param rankedInNewest set when more tickets match than relevance ranks: the ranking covers this many newest
     *                       matches (narrow the search, or sort by -created, to reach older ones)
     */
    record SearchResult(List<TicketListItem> items, @Nullable String nextCursor, String sort, @Nullable String match,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer rankedInNewest) {
    }

    /** The search filter parameters; all of them, and {@code filter}, must hold. */
    record FilterParameters(@ArraySchema(schema = @Schema(implementation = TicketStatus.class)) List<String> status,
                            @ArraySchema(schema = @Schema(implementation = Priority.class)) List<String> priority,
                            @Schema(description = "a person id, or none for unassigned tickets") String assignee,
                            @Schema(format = "uuid") String requester, List<String> tag,
                            @Schema(allowableValues = {"true", "false", "any"}, defaultValue = "false") String archived,
                            @Schema(description = DATE_OR_INSTANT) String createdFrom,
                            @Schema(description = DATE_OR_INSTANT) String createdTo,
                            @Schema(description = DATE_OR_INSTANT) String updatedFrom,
                            @Schema(description = DATE_OR_INSTANT) String updatedTo,
                            @Schema(description = DURATION) String olderThan,
                            @Schema(description = DURATION) String newerThan) {
    }

    private static final String DATE_OR_INSTANT = "a date (2026-11-24, its start in UTC) or an instant "
            + "(2026-11-24T09:30:00Z)";
    private static final String DURATION = "a duration such as 30m, 4h, 2d or 1w";

    @Operation(summary = "Search tickets: free text, filters, sort, keyset paging")
    @GetMapping
    SearchResult search(@RequestParam(required = false) @Schema(maxLength = 500) String q,
                        @RequestParam(required = false) @Schema(maxLength = FilterParser.MAX_LENGTH) String filter,
                        @ParameterObject FilterParameters parameters,
                        @RequestParam(required = false) @Schema(allowableValues = {"relevance", "-created", "created",
                                "-updated", "updated", "-priority", "priority", "sla", "title", "-title", "requester",
                                "-requester", "assignee", "-assignee", "status", "-status"}) String sort,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) @Schema(minimum = "1", maximum = "" + MAX_LIMIT,
                                defaultValue = "" + DEFAULT_LIMIT) Integer limit,
                        @RequestParam(required = false) List<String> consistentWith) {
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String text = freeText(q, filter);
        TicketSearch.Sort order = sort(sort, text);
        Instant now = Instant.now();
        FilterSql.Compiled compiled = compile(filter, parameters, Viewer.current(), now);
        String fingerprint = fingerprint(text, filter, parameters, order);
        Cursor position = cursor == null ? null : Cursor.decode(cursor, fingerprint);
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        ReadModelSql sql = generations.active();
        return readOnly.execute(status -> {
            // Plans must see the actual words: a generic plan cannot tell a rare word from a common one.
            sql.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return search(sql, text, compiled, order, position, fingerprint, pageSize);
        });
    }

    /** How many tickets a search finds, counted exactly. */
    record Count(long count) {
    }

    @Operation(summary = "Count the tickets a search finds, exactly (every match is counted: a broad filter at a "
            + "million tickets costs a scan of its index)")
    @GetMapping("/count")
    Count count(@RequestParam(required = false) @Schema(maxLength = 500) String q,
                @RequestParam(required = false) @Schema(maxLength = FilterParser.MAX_LENGTH) String filter,
                @ParameterObject FilterParameters parameters,
                @RequestParam(required = false) List<String> consistentWith) {
        String text = freeText(q, filter);
        FilterSql.Compiled compiled = compile(filter, parameters, Viewer.current(), Instant.now());
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        ReadModelSql sql = generations.active();
        return readOnly.execute(status -> {
            sql.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return new Count(TicketSearch.count(sql, text, compiled));
        });
    }

    private SearchResult search(ReadModelSql sql, String text, FilterSql.Compiled compiled, TicketSearch.Sort order,
                                Cursor cursor, String fingerprint, int pageSize) {
        TicketSearch.Match match = cursor != null ? cursor.match()
                : text == null ? TicketSearch.Match.NONE : TicketSearch.Match.FULLTEXT;
        TicketSearch.Sort sort = cursor != null ? cursor.sort() : order;
        List<Object> after = cursor == null ? null : cursor.key();
        TicketSearch.Window window = cursor == null ? null : cursor.window();
        if (cursor == null && match == TicketSearch.Match.FULLTEXT && sort == TicketSearch.Sort.RELEVANCE) {
            window = TicketSearch.window(sql, text, compiled, properties.relevanceWindow()).orElse(null);
        }
        TicketSearch.Page page = TicketSearch.run(sql, text, match, compiled, sort, after, window, pageSize + 1);
        if (cursor == null && match == TicketSearch.Match.FULLTEXT && page.items().isEmpty() && text.length() >= 3) {
            match = TicketSearch.Match.SUBSTRING;
            if (sort == TicketSearch.Sort.RELEVANCE) {
                sort = TicketSearch.Sort.NEWEST;
            }
            window = null;
            page = TicketSearch.run(sql, text, match, compiled, sort, null, null, pageSize + 1);
        }
        List<TicketListItem> items = page.items().size() > pageSize ? page.items().subList(0, pageSize) : page.items();
        if (!Viewer.current().seesEverything()) {
            items = items.stream().map(TicketListItem::withoutSla).toList();
        }
        String next = page.items().size() > pageSize
                ? new Cursor(fingerprint, sort, match, page.keys().get(pageSize - 1), window).encode() : null;
        return new SearchResult(items, next, sort.wireName,
                match == TicketSearch.Match.NONE ? null : match.name().toLowerCase(Locale.ROOT),
                window == null ? null : properties.relevanceWindow());
    }

    @Operation(summary = "The ticket view: people, conversation, attachments")
    @ApiResponse(responseCode = "200", description = "The ticket; ETag is its version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
    @ApiResponse(responseCode = "304", description = "Unchanged since the If-None-Match version")
    @GetMapping("/{id}")
    ResponseEntity<TicketView> ticket(@PathVariable String id, @RequestParam(required = false) Long minVersion,
                                      @RequestParam(required = false) @Schema(description = "the ticket as it was: "
                                              + PastTickets.Point.FORMAT) String asOf,
                                      @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        UUID ticketId = ticketId(id);
        PastTickets.Point point = asOf == null ? null : PastTickets.Point.parse("asOf", asOf);
        if (minVersion != null) {
            if (minVersion < 1) {
                throw DocketException.invalid("minVersion", "must be at least 1");
            }
            consistency.await(List.of(new Consistency.Requirement(ticketId, minVersion)));
        }
        ReadModelSql sql = generations.active();
        Viewer viewer = Viewer.current();
        if (point != null) {
            return ResponseEntity.ok().body(past(sql, ticketId, point, viewer));
        }
        TicketView view = TicketQueries.view(sql, ticketId, viewer)
                .orElseThrow(() -> notFound(ticketId));
        if (viewer.seesEverything()) {
            view = slaViews.view(sql, ticketId, Instant.now()).map(view::withSla).orElse(view);
        }
        String etag = "\"" + view.version() + "\"";
        if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(view);
    }

    /** The ticket as it was at {@code point}, with its clocks as they stood then for those who see clocks. */
    private TicketView past(ReadModelSql sql, UUID ticketId, PastTickets.Point point, Viewer viewer) {
        PastTickets.Past past = PastTickets.at(sql, json, ticketId, point, viewer, "asOf")
                .orElseThrow(() -> notFound(ticketId));
        return viewer.seesEverything()
                ? slaViews.asOf(sql, ticketId, past.at()).map(past.view()::withSla).orElse(past.view())
                : past.view();
    }

    /** What a ticket that does not exist, or that the caller may not see, answers. */
    static DocketException notFound(UUID ticket) {
        return new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + ticket + ".");
    }

    static UUID ticketId(String id) {
        try {
            return TicketId.parse(id).value();
        } catch (IllegalArgumentException e) {
            throw DocketException.invalid("id", "must be a ticket id (a UUID)");
        }
    }

    /** The free text of a search, or null without one; both it and the filter within their lengths. */
    private static @Nullable String freeText(@Nullable String q, @Nullable String filter) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 500) {
            throw DocketException.invalid("q", "must be at most 500 characters");
        }
        if (filter != null && filter.length() > FilterParser.MAX_LENGTH) {
            throw DocketException.invalid("filter", "must be at most " + FilterParser.MAX_LENGTH + " characters");
        }
        return text;
    }

    private static TicketSearch.Sort sort(String sort, String text) {
        if (sort == null || sort.isBlank()) {
            return text == null ? TicketSearch.Sort.NEWEST : TicketSearch.Sort.RELEVANCE;
        }
        TicketSearch.Sort order = TicketSearch.Sort.fromWireName(sort.strip()).orElseThrow(() -> DocketException.invalid(
                "sort", "must be one of " + String.join(", ", TicketSearch.Sort.wireNames())));
        if (order == TicketSearch.Sort.RELEVANCE && text == null) {
            throw DocketException.invalid("sort", "relevance needs a free-text q");
        }
        return order;
    }

    /**
     * The filter expression and the filter parameters as one condition, each part compiled once; archived tickets
     * only when asked for.
     */
    private static FilterSql.Compiled compile(String expression, FilterParameters p, Viewer viewer, Instant now) {
        List<FilterSql.Compiled> parts = new ArrayList<>();
        List<FieldViolation> violations = new ArrayList<>();
        boolean filterNamesArchived = false;
        if (expression != null && !expression.isBlank()) {
            FilterExpressions.Checked checked = FilterExpressions.compile(expression, now);
            parts.add(checked.compiled());
            filterNamesArchived = checked.namesArchived();
        }
        Parameters parameters = new Parameters(parts, violations, now);
        parameters.add("status", () -> condition("status", Op.IN, p.status()));
        parameters.add("priority", () -> condition("priority", Op.IN, p.priority()));
        parameters.add("assignee", () -> condition("assignee", Op.EQ, one(p.assignee())));
        parameters.add("requester", () -> condition("requester", Op.EQ, one(p.requester())));
        if (p.tag() != null) {
            for (String tag : p.tag()) {
                parameters.add("tag", () -> condition("tag", Op.EQ, List.of(tag)));
            }
        }
        parameters.add("createdFrom", () -> condition("created", Op.GE, one(p.createdFrom())));
        parameters.add("createdTo", () -> condition("created", Op.LT, one(p.createdTo())));
        parameters.add("updatedFrom", () -> condition("updated", Op.GE, one(p.updatedFrom())));
        parameters.add("updatedTo", () -> condition("updated", Op.LT, one(p.updatedTo())));
        parameters.add("olderThan", () -> age(Op.GT, p.olderThan()));
        parameters.add("newerThan", () -> age(Op.LT, p.newerThan()));
        String archived = p.archived() == null ? null : p.archived().strip().toLowerCase(Locale.ROOT);
        if (archived != null && !List.of("true", "false", "any").contains(archived)) {
            violations.add(new FieldViolation("archived", "must be true, false or any"));
        }
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
        if (!viewer.seesEverything()) {
            // A requester's search, whatever else it says, covers their own tickets only.
            parameters.add("requester", () -> condition("requester", Op.EQ,
                    List.of(viewer.ownTicketsOf().toString())));
        }
        if (archived == null && !filterNamesArchived || "false".equals(archived)) {
            parameters.add("archived", () -> condition("archived", Op.EQ, List.of("false")));
        } else if ("true".equals(archived)) {
            parameters.add("archived", () -> condition("archived", Op.EQ, List.of("true")));
        }
        return parts.isEmpty() ? null : FilterSql.Compiled.all(parts);
    }

    /** The simple filter parameters, each compiled once as it is added; a fault is noted under its name. */
    private record Parameters(List<FilterSql.Compiled> parts, List<FieldViolation> violations, Instant now) {

        void add(String name, Supplier<Filter> condition) {
            try {
                Filter filter = condition.get();
                if (filter != null) {
                    parts.add(FilterSql.compile(filter, now));
                }
            } catch (FilterSyntaxException e) {
                violations.add(new FieldViolation(name, e.getMessage()));
            }
        }
    }

    private static Filter condition(String field, Op op, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Filter.Value> parsed = values.stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> new Filter.Value(v, 0)).toList();
        return parsed.isEmpty() ? null : new Filter.Condition(field, 0, op, parsed);
    }

    private static Filter age(Op op, String duration) {
        return duration == null || duration.isBlank() ? null : new Filter.Age(0, op, FilterParser.duration(duration));
    }

    private static List<String> one(String value) {
        return value == null || value.isBlank() ? null : List.of(value);
    }

    private static String fingerprint(String text, String filter, FilterParameters parameters,
                                      TicketSearch.Sort sort) {
        String query = String.join("\u0000", String.valueOf(text), String.valueOf(filter), parameters.toString(),
                sort.name());
        return Digests.sha256Hex(query).substring(0, 24);
    }
}
