package dev.docket.command.web;

import dev.docket.command.app.Ids;
import dev.docket.command.app.UserCommands;
import dev.docket.command.user.UserChange;
import dev.docket.events.Role;
import dev.docket.events.UserId;
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

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> register(@RequestBody RegisterRequest request, HttpServletRequest http) {
        Role role = WireValues.parse(request.role(), Role.class, Role::fromWireName, "role");
        return runner.run(http, request, () -> answer(HttpStatus.CREATED,
                commands.register(request.email(), request.displayName(), role, RequestOrigin.of(http))));
    }

    @PutMapping(path = "/{id}/display-name", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> rename(@PathVariable String id, @RequestBody DisplayNameRequest request, HttpServletRequest http) {
        UserId userId = Ids.parse(id, UserId::parse, "id");
        return runner.run(http, request, () -> answer(HttpStatus.OK, commands.changeDisplayName(userId,
                Preconditions.expectedVersion(http), request.displayName(), RequestOrigin.of(http))));
    }

    /** The body (a reason) is optional. */
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
