package dev.docket.command.web;

import dev.docket.command.app.Ids;
import dev.docket.command.app.UserCommands;
import dev.docket.command.user.UserChange;
import dev.docket.events.Role;
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

    private final UserCommands commands;
    private final ChangeRunner runner;

    UserCommandController(UserCommands commands, ChangeRunner runner) {
        this.commands = commands;
        this.runner = runner;
    }

    /** @param role {@code requester}, {@code agent} or {@code admin} */
    record RegisterRequest(String email, String displayName, String role) {
    }

    record DisplayNameRequest(String displayName) {
    }

    record DeactivateRequest(String reason) {
    }

    record UserChangedResponse(String id, long version) {
    }

    @Operation(summary = "Register a person")
    @ApiResponse(responseCode = "201", description = "Registered", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"email\":\"ana@example.com\",\"displayName\":\"Ana\",\"role\":\"requester\"}")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> register(@RequestBody RegisterRequest request, HttpServletRequest http) {
        Role role = WireValues.parse(request.role(), Role.class, Role::fromWireName, "role");
        return runner.run(http, request, () -> answer(HttpStatus.CREATED,
                commands.register(request.email(), request.displayName(), role, RequestOrigin.of(http))));
    }

    @Operation(summary = "Change a person's display name")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged when nothing differs", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"displayName\":\"Ana Lee\"}")))
    @PutMapping(path = "/{id}/display-name", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> rename(@PathVariable String id, @RequestBody DisplayNameRequest request, HttpServletRequest http) {
        UserId userId = Ids.parse(id, UserId::parse, "id");
        return runner.run(http, request, () -> answer(HttpStatus.OK, commands.changeDisplayName(userId,
                Preconditions.expectedVersion(http), request.displayName(), RequestOrigin.of(http))));
    }

    /** The body (a reason) is optional. */
    @Operation(summary = "Deactivate a person")
    @ApiResponse(responseCode = "200", description = "Deactivated", headers = {@Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserChangedResponse.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"reason\":\"Left the company\"}")))
    @PostMapping("/{id}/deactivate")
    ResponseEntity<?> deactivate(@PathVariable String id, @RequestBody(required = false) DeactivateRequest request,
                                 HttpServletRequest http) {
        UserId userId = Ids.parse(id, UserId::parse, "id");
        DeactivateRequest body = request == null ? new DeactivateRequest(null) : request;
        return runner.run(http, body, () -> answer(HttpStatus.OK, commands.deactivate(userId,
                Preconditions.expectedVersion(http), body.reason(), RequestOrigin.of(http))));
    }

    private static ResponseEntity<?> answer(HttpStatus status, UserChange change) {
        return ResponseEntity.status(status)
                .eTag(String.valueOf(change.version()))
                .body(new UserChangedResponse(change.userId().toString(), change.version()));
    }
}
