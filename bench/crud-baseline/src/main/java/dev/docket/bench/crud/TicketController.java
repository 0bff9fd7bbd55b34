package dev.docket.bench.crud;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The same paths, bodies and answers as Docket's command API for the benchmark's mix. */
@RestController
@RequestMapping("/api")
class TicketController {

    private static final String ONE_LINE = "[^\\p{Cntrl}]*";

    record Register(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE)
    String displayName, @NotNull @Pattern(regexp = "requester|agent|admin") String role) {
    }

    record Open(@NotBlank @Size(max = 500) @Pattern(regexp = ONE_LINE) String title,
                @Size(max = 50_000) String description,
                @Pattern(regexp = "low|normal|high|urgent") String priority,
                @NotNull UUID requesterId,
                @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {
    }

    record AddComment(@NotBlank @Size(max = 50_000) String body, @Pattern(regexp = "public|internal") String visibility) {
    }

    record Assign(@NotNull UUID assigneeId) {
    }

    record ChangeStatus(@NotNull @Pattern(regexp = "open|in_progress|waiting_on_customer|resolved|closed") String status,
                        @Size(max = 1_000) String reason) {
    }

    record ChangeTags(@Size(max = 20) List<@NotBlank @Size(max = 50) String> add,
                      @Size(max = 20) List<@NotBlank @Size(max = 50) String> remove) {
    }

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/users")
    ResponseEntity<TicketService.Changed> register(@Valid @RequestBody Register body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tickets.register(body.email(), body.displayName(),
                body.role()));
    }

    @PostMapping("/tickets")
    ResponseEntity<TicketService.Opened> open(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody Open body) {
        TicketService.Opened opened = tickets.open(caller.getSubject(), body.title(),
                body.description() == null ? "" : body.description().strip(),
                body.priority() == null ? "normal" : body.priority(), body.requesterId(),
                body.tags() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(body.tags()));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Long.toString(opened.version())).body(opened);
    }

    @PostMapping("/tickets/{id}/comments")
    ResponseEntity<TicketService.Changed> comment(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @Valid @RequestBody AddComment body) {
        return answer(HttpStatus.CREATED, tickets.comment(caller.getSubject(), id, version(ifMatch), body.body(),
                body.visibility() == null ? "public" : body.visibility()));
    }

    @PutMapping("/tickets/{id}/assignee")
    ResponseEntity<TicketService.Changed> assign(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody Assign body) {
        return answer(HttpStatus.OK, tickets.assign(caller.getSubject(), id, version(ifMatch), body.assigneeId()));
    }

    @PutMapping("/tickets/{id}/status")
    ResponseEntity<TicketService.Changed> status(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody ChangeStatus body) {
        return answer(HttpStatus.OK, tickets.changeStatus(caller.getSubject(), id, version(ifMatch), body.status(),
                body.reason()));
    }

    @PatchMapping("/tickets/{id}/tags")
    ResponseEntity<TicketService.Changed> tags(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
                                               @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                               @Valid @RequestBody ChangeTags body) {
        return answer(HttpStatus.OK, tickets.changeTags(caller.getSubject(), id, version(ifMatch),
                body.add() == null ? List.of() : body.add(), body.remove() == null ? List.of() : body.remove()));
    }

    private static ResponseEntity<TicketService.Changed> answer(HttpStatus status, TicketService.Changed changed) {
        return ResponseEntity.status(status).eTag(Long.toString(changed.version())).body(changed);
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw dev.docket.support.errors.DocketException.invalid("If-Match", "must be a version, such as \"3\"");
        }
    }
}
