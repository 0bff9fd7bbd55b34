package dev.docket.command.web;

import dev.docket.command.app.Commands;
import dev.docket.command.app.Ids;
import dev.docket.command.app.TicketCommands;
import dev.docket.command.ticket.AddComment;
import dev.docket.command.ticket.ArchiveTicket;
import dev.docket.command.ticket.AssignTicket;
import dev.docket.command.ticket.ChangePriority;
import dev.docket.command.ticket.ChangeStatus;
import dev.docket.command.ticket.ChangeTags;
import dev.docket.command.ticket.EditTicket;
import dev.docket.command.ticket.OpenedTicket;
import dev.docket.command.ticket.RestoreTicket;
import dev.docket.command.ticket.TicketChange;
import dev.docket.command.ticket.TicketRules;
import dev.docket.command.ticket.TransferOwnership;
import dev.docket.command.ticket.UnassignTicket;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import dev.docket.events.UserId;
import dev.docket.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
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

import java.util.List;

/**
 * The ticket commands. Every change answers the ticket's new version (also as the ETag), accepts {@code If-Match}
 * and {@code Idempotency-Key}, and answers refusals as problem details. A change that would change nothing (the
 * same priority again, say) answers 200 with the unchanged version. The rules are the ticket's; this only maps
 * requests to commands and answers back.
 */
@RestController
@Tag(name = "Ticket commands")
@RequestMapping(path = "/api/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
class TicketCommandController {

    // the limits the rules enforce, as the document states them
    private static final int TITLE = TicketRules.TITLE_MAX_LENGTH;
    private static final int DESCRIPTION = TicketRules.DESCRIPTION_MAX_LENGTH;
    private static final int COMMENT = TicketRules.COMMENT_MAX_LENGTH;
    private static final int REASON = TicketRules.REASON_MAX_LENGTH;
    private static final int TAG = TicketRules.TAG_MAX_LENGTH;

    private final TicketCommands tickets;
    private final Commands commands;
    private final CommandApiProperties properties;

    TicketCommandController(TicketCommands tickets, Commands commands, CommandApiProperties properties) {
        this.tickets = tickets;
        this.commands = commands;
        this.properties = properties;
    }

    /**
     * @param title       required, 1 to 500 characters after trimming
     * @param description optional free text
     * @param priority    {@code normal} when absent
     * @param requesterId who the ticket is for; defaults to the caller when the caller is a registered user
     * @param tags        optional, at most 20
     */
    record OpenTicketRequest(@Schema(example = "Printer on fire", minLength = 1, maxLength = TITLE) String title,
                             @Schema(example = "Third floor", maxLength = DESCRIPTION) @Nullable String description,
                             @Schema(example = "urgent") @Nullable Priority priority, @Nullable UserId requesterId,
                             @ArraySchema(maxItems = TicketRules.MAX_TAGS, schema = @Schema(example = "hardware",
                                     minLength = 1, maxLength = TAG)) @Nullable List<String> tags) {
    }

    record TicketOpenedResponse(String id, String number, long version) {
    }

    /** Either or both; what is left out stays as it is. */
    record EditRequest(@Schema(example = "Printer smoking", minLength = 1, maxLength = TITLE) @Nullable String title,
                       @Schema(maxLength = DESCRIPTION) @Nullable String description) {
    }

    record PriorityRequest(Priority priority) {
    }

    record AssigneeRequest(UserId assigneeId) {
    }

    record RequesterRequest(UserId requesterId,
                            @Schema(example = "Moved teams", maxLength = REASON) @Nullable String reason) {
    }

    record StatusRequest(TicketStatus status,
                         @Schema(example = "Looking into it", maxLength = REASON) @Nullable String reason) {
    }

    /** @param visibility {@code public} when absent */
    record CommentRequest(@Schema(example = "Have you tried turning it off and on?", minLength = 1,
                                  maxLength = COMMENT) String body,
                          @Nullable CommentVisibility visibility) {
    }

    record CommentedResponse(String id, String commentId, long version) {
    }

    record TagsRequest(@ArraySchema(maxItems = TicketRules.MAX_TAGS, schema = @Schema(example = "hardware",
                               minLength = 1, maxLength = TAG)) @Nullable List<String> add,
                       @ArraySchema(maxItems = TicketRules.MAX_TAGS, schema = @Schema(example = "triage",
                               minLength = 1, maxLength = TAG)) @Nullable List<String> remove) {
    }

    record ReasonRequest(@Schema(example = "Duplicate of TCK-000041", maxLength = REASON) @Nullable String reason) {
    }

    /** What every change answers. */
    record ChangedResponse(String id, long version) {
    }

    @Operation(summary = "Open a ticket")
    @ApiResponse(responseCode = "201", description = "Opened", headers = {
            @Header(name = "Location", description = "Where to read it"),
            @Header(name = "ETag", description = "The new version")})
    @IdempotentChange
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TicketOpenedResponse> open(@RequestBody OpenTicketRequest request, Caller caller) {
        OpenedTicket opened = tickets.open(request.title(), request.description(), request.priority(),
                request.requesterId(), request.tags(), caller);
        TicketChange change = opened.change();
        return ResponseEntity.created(properties.queryBaseUrl().resolve("/api/tickets/" + change.ticketId()))
                .eTag(String.valueOf(change.version()))
                .body(new TicketOpenedResponse(change.ticketId().toString(), opened.number(), change.version()));
    }

    @Operation(summary = "Edit the title or description")
    @ChangeAnswers
    @IdempotentChange
    @PatchMapping(path = "/{id}/details", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> edit(@PathVariable TicketId id, @RequestBody EditRequest request,
                                         ExpectedVersion version) {
        return changed(commands.send(new EditTicket(id, version.value(), request.title(), request.description())));
    }

    @Operation(summary = "Change the priority")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/{id}/priority", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> priority(@PathVariable TicketId id, @RequestBody PriorityRequest request,
                                             ExpectedVersion version) {
        return changed(commands.send(new ChangePriority(id, version.value(), request.priority())));
    }

    @Operation(summary = "Assign to an agent or admin")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/{id}/assignee", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> assign(@PathVariable TicketId id, @RequestBody AssigneeRequest request,
                                           ExpectedVersion version) {
        return changed(commands.send(new AssignTicket(id, version.value(), request.assigneeId())));
    }

    @Operation(summary = "Unassign")
    @ChangeAnswers
    @IdempotentChange
    @DeleteMapping("/{id}/assignee")
    ResponseEntity<ChangedResponse> unassign(@PathVariable TicketId id, ExpectedVersion version) {
        return changed(commands.send(new UnassignTicket(id, version.value())));
    }

    /** Transfers ownership: another person becomes the ticket's requester. */
    @Operation(summary = "Transfer ownership to another requester")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/{id}/requester", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> transfer(@PathVariable TicketId id, @RequestBody RequesterRequest request,
                                             ExpectedVersion version) {
        return changed(commands.send(new TransferOwnership(id, version.value(), request.requesterId(),
                request.reason())));
    }

    @Operation(summary = "Move through the status lifecycle")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> status(@PathVariable TicketId id, @RequestBody StatusRequest request,
                                           ExpectedVersion version) {
        return changed(commands.send(new ChangeStatus(id, version.value(), request.status(), request.reason())));
    }

    @Operation(summary = "Add a public reply or an internal note")
    @ApiResponse(responseCode = "201", description = "Added", headers = @Header(name = "ETag", description = "The new version"))
    @IdempotentChange
    @PostMapping(path = "/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CommentedResponse> comment(@PathVariable TicketId id, @RequestBody CommentRequest request,
                                              ExpectedVersion version, Caller caller) {
        CommentId commentId = Ids.newCommentId();
        CommentVisibility visibility = request.visibility() == null ? CommentVisibility.PUBLIC : request.visibility();
        TicketChange change = commands.send(new AddComment(id, version.value(), commentId, caller.subject(), visibility,
                request.body(), TicketCommands.requesterOnly(caller)));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(String.valueOf(change.version()))
                .body(new CommentedResponse(id.toString(), commentId.toString(), change.version()));
    }

    @Operation(summary = "Add or remove tags")
    @ChangeAnswers
    @IdempotentChange
    @PatchMapping(path = "/{id}/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> tags(@PathVariable TicketId id, @RequestBody TagsRequest request,
                                         ExpectedVersion version) {
        return changed(commands.send(new ChangeTags(id, version.value(), request.add(), request.remove())));
    }

    @Operation(summary = "Archive")
    @ApiResponse(responseCode = "200", description = "Archived", headers = @Header(name = "ETag", description = "The new version"))
    @IdempotentChange
    @PostMapping(path = "/{id}/archive", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangedResponse> archive(@PathVariable TicketId id, @RequestBody ReasonRequest request,
                                            ExpectedVersion version) {
        return changed(commands.send(new ArchiveTicket(id, version.value(), request.reason())));
    }

    /** The body (a reason) is optional. */
    @Operation(summary = "Restore from the archive")
    @ApiResponse(responseCode = "200", description = "Restored", headers = @Header(name = "ETag", description = "The new version"))
    @IdempotentChange
    @PostMapping("/{id}/restore")
    ResponseEntity<ChangedResponse> restore(@PathVariable TicketId id,
                                            @RequestBody(required = false) ReasonRequest request,
                                            ExpectedVersion version) {
        return changed(commands.send(new RestoreTicket(id, version.value(), request == null ? null : request.reason())));
    }

    private static ResponseEntity<ChangedResponse> changed(TicketChange change) {
        return ResponseEntity.ok().eTag(String.valueOf(change.version()))
                .body(new ChangedResponse(change.ticketId().toString(), change.version()));
    }
}
