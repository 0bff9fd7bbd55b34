package dev.docket.command.web;

import dev.docket.command.app.Ids;
import dev.docket.command.app.TicketCommands;
import dev.docket.command.ticket.TicketChange;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import dev.docket.events.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * The ticket commands. Every change answers the ticket's new version (also as the ETag), accepts {@code If-Match}
 * and {@code Idempotency-Key}, and answers refusals as problem details. A change that would change nothing (the
 * same priority again, say) answers 200 with the unchanged version.
 */
@RestController
@Tag(name = "Ticket commands")
@RequestMapping(path = "/api/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
class TicketCommandController {

    private final TicketCommands commands;
    private final ChangeRunner runner;
    private final CommandApiProperties properties;

    TicketCommandController(TicketCommands commands, ChangeRunner runner, CommandApiProperties properties) {
        this.commands = commands;
        this.runner = runner;
        this.properties = properties;
    }

    /**
     * @param title       required, 1 to 500 characters after trimming
     * @param description optional free text
     * @param priority    {@code low}, {@code normal} (default), {@code high} or {@code urgent}
     * @param requesterId who the ticket is for; defaults to the caller when the caller is a registered user
     * @param tags        optional, at most 20
     */
    record OpenTicketRequest(String title, String description, String priority, String requesterId,
                             List<String> tags) {
    }

    record TicketOpenedResponse(String id, String number, long version) {
    }

    record EditRequest(String title, String description) {
    }

    record PriorityRequest(String priority) {
    }

    record AssigneeRequest(String assigneeId) {
    }

    record RequesterRequest(String requesterId, String reason) {
    }

    record StatusRequest(String status, String reason) {
    }

    /** @param visibility {@code public} (default) or {@code internal} */
    record CommentRequest(String body, String visibility) {
    }

    record CommentedResponse(String id, String commentId, long version) {
    }

    record TagsRequest(List<String> add, List<String> remove) {
    }

    record ReasonRequest(String reason) {
    }

    /** What every change answers. */
    record ChangedResponse(String id, long version) {
    }

    @Operation(summary = "Open a ticket")
    @ApiResponse(responseCode = "201", description = "Opened", headers = {@Header(name = "Location", description = "Where to read it"), @Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketOpenedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"title\":\"Printer on fire\",\"description\":\"Third floor\",\"priority\":\"urgent\",\"requesterId\":\"01a20e4e-37f0-7eb3-8e34-b7842879372d\",\"tags\":[\"hardware\"]}")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> open(@RequestBody OpenTicketRequest request, HttpServletRequest http) {
        return runner.run(http, request, () -> {
            Priority priority = request.priority() == null ? Priority.NORMAL
                    : WireValues.parse(request.priority(), Priority.class, Priority::fromWireName, "priority");
            UserId requester = Ids.parseOptional(request.requesterId(), UserId::parse, "requesterId");
            TicketCommands.Opened opened = commands.open(request.title(), request.description(), priority, requester,
                    request.tags(), RequestOrigin.of(http));
            String id = opened.change().ticketId().toString();
            URI location = properties.queryBaseUrl().resolve("/api/tickets/" + id);
            return ResponseEntity.created(location)
                    .eTag(String.valueOf(opened.change().version()))
                    .body(new TicketOpenedResponse(id, opened.number(), opened.change().version()));
        });
    }

    @Operation(summary = "Edit the title or description")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"title\":\"Printer smoking\"}")))
    @PatchMapping(path = "/{id}/details", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> edit(@PathVariable String id, @RequestBody EditRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        return runner.run(http, request, () -> changed(commands.edit(ticketId, Preconditions.expectedVersion(http),
                request.title(), request.description(), RequestOrigin.of(http))));
    }

    @Operation(summary = "Change the priority")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"priority\":\"high\"}")))
    @PutMapping(path = "/{id}/priority", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> priority(@PathVariable String id, @RequestBody PriorityRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        Priority priority = WireValues.parse(request.priority(), Priority.class, Priority::fromWireName, "priority");
        return runner.run(http, request, () -> changed(commands.changePriority(ticketId,
                Preconditions.expectedVersion(http), priority, RequestOrigin.of(http))));
    }

    @Operation(summary = "Assign to an agent or admin")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"assigneeId\":\"01a20e4e-37f0-7eb3-8e34-b7842879372d\"}")))
    @PutMapping(path = "/{id}/assignee", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> assign(@PathVariable String id, @RequestBody AssigneeRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        UserId assignee = Ids.parseOptional(request.assigneeId(), UserId::parse, "assigneeId");
        return runner.run(http, request, () -> changed(commands.assign(ticketId, Preconditions.expectedVersion(http),
                assignee, RequestOrigin.of(http))));
    }

    @Operation(summary = "Unassign")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @DeleteMapping("/{id}/assignee")
    ResponseEntity<?> unassign(@PathVariable String id, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        return runner.run(http, "unassign", () -> changed(commands.unassign(ticketId,
                Preconditions.expectedVersion(http), RequestOrigin.of(http))));
    }

    /** Transfers ownership: another person becomes the ticket's requester. */
    @Operation(summary = "Transfer ownership to another requester")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"requesterId\":\"01a20e4e-37f0-7eb3-8e34-b7842879372d\",\"reason\":\"Moved teams\"}")))
    @PutMapping(path = "/{id}/requester", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> transfer(@PathVariable String id, @RequestBody RequesterRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        UserId requester = Ids.parseOptional(request.requesterId(), UserId::parse, "requesterId");
        return runner.run(http, request, () -> changed(commands.transferOwnership(ticketId,
                Preconditions.expectedVersion(http), requester, request.reason(), RequestOrigin.of(http))));
    }

    @Operation(summary = "Move through the status lifecycle")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"status\":\"in_progress\",\"reason\":\"Looking into it\"}")))
    @PutMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> status(@PathVariable String id, @RequestBody StatusRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        TicketStatus status = WireValues.parse(request.status(), TicketStatus.class, TicketStatus::fromWireName,
                "status");
        return runner.run(http, request, () -> changed(commands.changeStatus(ticketId,
                Preconditions.expectedVersion(http), status, request.reason(), RequestOrigin.of(http))));
    }

    @Operation(summary = "Add a public reply or an internal note")
    @ApiResponse(responseCode = "201", description = "Added", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CommentedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"body\":\"Have you tried turning it off and on?\",\"visibility\":\"public\"}")))
    @PostMapping(path = "/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> comment(@PathVariable String id, @RequestBody CommentRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        CommentVisibility visibility = request.visibility() == null ? CommentVisibility.PUBLIC
                : WireValues.parse(request.visibility(), CommentVisibility.class, CommentVisibility::fromWireName,
                "visibility");
        return runner.run(http, request, () -> {
            TicketCommands.Commented commented = commands.comment(ticketId, Preconditions.expectedVersion(http),
                    visibility, request.body(), RequestOrigin.of(http));
            return ResponseEntity.status(HttpStatus.CREATED)
                    .eTag(String.valueOf(commented.change().version()))
                    .body(new CommentedResponse(ticketId.toString(), commented.commentId().toString(),
                            commented.change().version()));
        });
    }

    @Operation(summary = "Add or remove tags")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"add\":[\"hardware\"],\"remove\":[\"triage\"]}")))
    @PatchMapping(path = "/{id}/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> tags(@PathVariable String id, @RequestBody TagsRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        return runner.run(http, request, () -> changed(commands.changeTags(ticketId, Preconditions.expectedVersion(http),
                request.add(), request.remove(), RequestOrigin.of(http))));
    }

    @Operation(summary = "Archive")
    @ApiResponse(responseCode = "200", description = "Archived", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"reason\":\"Duplicate of TCK-000041\"}")))
    @PostMapping(path = "/{id}/archive", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> archive(@PathVariable String id, @RequestBody ReasonRequest request, HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        return runner.run(http, request, () -> changed(commands.archive(ticketId, Preconditions.expectedVersion(http),
                request.reason(), RequestOrigin.of(http))));
    }

    /** The body (a reason) is optional. */
    @Operation(summary = "Restore from the archive")
    @ApiResponse(responseCode = "200", description = "Restored", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"reason\":\"Reopened by the customer\"}")))
    @PostMapping("/{id}/restore")
    ResponseEntity<?> restore(@PathVariable String id, @RequestBody(required = false) ReasonRequest request,
                              HttpServletRequest http) {
        TicketId ticketId = ticketId(id);
        ReasonRequest body = request == null ? new ReasonRequest(null) : request;
        return runner.run(http, body, () -> changed(commands.restore(ticketId, Preconditions.expectedVersion(http),
                body.reason(), RequestOrigin.of(http))));
    }

    static TicketId ticketId(String id) {
        return Ids.parse(id, TicketId::parse, "id");
    }

    static ResponseEntity<?> changed(TicketChange change) {
        return ResponseEntity.ok()
                .eTag(String.valueOf(change.version()))
                .body(new ChangedResponse(change.ticketId().toString(), change.version()));
    }
}
