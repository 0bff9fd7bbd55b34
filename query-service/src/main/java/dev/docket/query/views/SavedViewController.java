package dev.docket.query.views;

import dev.docket.events.ErrorCode;
import dev.docket.query.ticket.FilterExpressions;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.support.security.Caller;
import dev.docket.support.web.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person's saved views: named filter expressions with an order, which the console lists with their exact counts
 * (through {@code GET /api/tickets/count}). Each person sees and changes only their own; an id of someone else's
 * answers as missing. The expression is checked as a search checks it, so a saved view always opens.
 */
@RestController
@RequestMapping(path = "/api/views", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Saved views")
class SavedViewController {

    static final int MAX_NAME = 100;

    private final SavedViews views;

    SavedViewController(SavedViews views) {
        this.views = views;
    }

    /**
     * @param name   1 to 100 characters, unique among the person's views
     * @param filter a filter-language expression, as {@code GET /api/tickets?filter=} takes it; empty or absent:
     *               every ticket the person may see
     * @param sort   an order of the search ({@code -updated}, {@code title}, {@code sla}, ...); absent: newest first
     */
    record ViewRequest(@Schema(maxLength = MAX_NAME) @Nullable String name,
                       @Schema(maxLength = FilterExpressions.MAX_LENGTH) @Nullable String filter,
                       @Nullable String sort) {
    }

    record Views(List<SavedViews.SavedView> items) {
    }

    @Operation(summary = "The caller's saved views, by name")
    @GetMapping
    Views list() {
        return new Views(views.of(owner()));
    }

    @Operation(summary = "One of the caller's saved views")
    @GetMapping("/{id}")
    SavedViews.SavedView view(@PathVariable String id) {
        UUID viewId = viewId(id);
        return views.find(owner(), viewId).orElseThrow(() -> notFound(viewId));
    }

    @Operation(summary = "Save a view: a name, a filter expression and an order")
    @ApiResponse(responseCode = "201", description = "Saved; Location names it", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SavedViews.SavedView.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SavedViews.SavedView> add(@RequestBody ViewRequest request) {
        ViewRequest checked = checked(request);
        SavedViews.SavedView view = views.add(owner(), checked.name(), checked.filter(), checked.sort());
        return ResponseEntity.created(URI.create("/api/views/" + view.id())).body(view);
    }

    @Operation(summary = "Change a saved view: its name, expression and order, all three given")
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    SavedViews.SavedView replace(@PathVariable String id, @RequestBody ViewRequest request) {
        UUID viewId = viewId(id);
        ViewRequest checked = checked(request);
        return views.replace(owner(), viewId, checked.name(), checked.filter(), checked.sort())
                .orElseThrow(() -> notFound(viewId));
    }

    @Operation(summary = "Remove a saved view")
    @ApiResponse(responseCode = "204", description = "Removed")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        UUID viewId = viewId(id);
        if (!views.remove(owner(), viewId)) {
            throw notFound(viewId);
        }
        return ResponseEntity.noContent().build();
    }

    /** The request with its texts stripped, every fault named at once (the expression's after the fields'). */
    private static ViewRequest checked(ViewRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        String filter = request.filter() == null ? "" : request.filter().strip();
        String sort = request.sort() == null || request.sort().isBlank() ? null : request.sort().strip();
        text("name", name, MAX_NAME, violations);
        if (name.isEmpty()) {
            violations.add(new FieldViolation("name", "must be present and not blank"));
        }
        text("filter", filter, FilterExpressions.MAX_LENGTH, violations);
        if (sort != null && !FilterExpressions.sortsWithoutText().contains(sort)) {
            violations.add(new FieldViolation("sort", "must be an order of the search other than relevance ("
                    + String.join(", ", FilterExpressions.sortsWithoutText()) + ")"));
        }
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
        if (!filter.isEmpty()) {
            FilterExpressions.check(filter);
        }
        return new ViewRequest(name, filter, sort);
    }

    private static void text(String field, String value, int max, List<FieldViolation> violations) {
        String fault = StorableText.fault(value);
        if (value.length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
        } else if (fault != null) {
            violations.add(new FieldViolation(field, fault));
        }
    }

    private static String owner() {
        return Caller.current().subject();
    }

    private static UUID viewId(String id) {
        try {
            if (id.length() != 36) {
                throw new IllegalArgumentException(id);
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DocketException.invalid("id", "must be a saved view's id (a UUID)");
        }
    }

    private static DocketException notFound(UUID id) {
        return new DocketException(ErrorCode.VIEW_NOT_FOUND, "You have no saved view " + id + ".");
    }
}
