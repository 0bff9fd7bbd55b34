package dev.docket.command.web;

import dev.docket.command.app.Commands;
import dev.docket.command.app.UserCommands;
import dev.docket.command.user.ChangeDisplayName;
import dev.docket.command.user.DeactivateUser;
import dev.docket.command.user.UserChange;
import dev.docket.command.user.UserRules;
import dev.docket.events.Role;
import dev.docket.events.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** People: register, rename, deactivate. Same conventions as the ticket commands (versions, If-Match, keys). */
@RestController
@Tag(name = "People")
@RequestMapping(path = "/api/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserCommandController {

    // the limits the rules enforce, as the document states them
    private static final int EMAIL = UserRules.EMAIL_MAX_LENGTH;
    private static final int NAME = UserRules.DISPLAY_NAME_MAX_LENGTH;
    private static final int REASON = UserRules.REASON_MAX_LENGTH;

    private final UserCommands users;
    private final Commands commands;

    UserCommandController(UserCommands users, Commands commands) {
        this.users = users;
        this.commands = commands;
    }

    record RegisterRequest(@Schema(example = "ana@example.com", format = "email", maxLength = EMAIL) String email,
                           @Schema(example = "Ana", minLength = 1, maxLength = NAME) String displayName, Role role) {
    }

    record DisplayNameRequest(@Schema(example = "Ana Lee", minLength = 1, maxLength = NAME) String displayName) {
    }

    record DeactivateRequest(@Schema(example = "Left the company", maxLength = REASON) @Nullable String reason) {
    }

    record UserChangedResponse(String id, long version) {
    }

    @Operation(summary = "Register a person")
    @ApiResponse(responseCode = "201", description = "Registered", headers = @Header(name = "ETag", description = "The new version"))
    @IdempotentChange
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserChangedResponse> register(@RequestBody RegisterRequest request) {
        return answer(HttpStatus.CREATED, users.register(request.email(), request.displayName(), request.role()));
    }

    @Operation(summary = "Change a person's display name")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/{id}/display-name", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserChangedResponse> rename(@PathVariable UserId id, @RequestBody DisplayNameRequest request,
                                               ExpectedVersion version) {
        return answer(HttpStatus.OK, commands.send(new ChangeDisplayName(id, version.value(), request.displayName())));
    }

    /** The body (a reason) is optional. */
    @Operation(summary = "Deactivate a person")
    @ApiResponse(responseCode = "200", description = "Deactivated", headers = @Header(name = "ETag", description = "The new version"))
    @IdempotentChange
    @PostMapping("/{id}/deactivate")
    ResponseEntity<UserChangedResponse> deactivate(@PathVariable UserId id,
                                                   @RequestBody(required = false) DeactivateRequest request,
                                                   ExpectedVersion version) {
        return answer(HttpStatus.OK, commands.send(new DeactivateUser(id, version.value(),
                request == null ? null : request.reason())));
    }

    private static ResponseEntity<UserChangedResponse> answer(HttpStatus status, UserChange change) {
        return ResponseEntity.status(status).eTag(String.valueOf(change.version()))
                .body(new UserChangedResponse(change.userId().toString(), change.version()));
    }
}
