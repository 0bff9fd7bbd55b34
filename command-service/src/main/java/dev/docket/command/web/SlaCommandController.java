package dev.docket.command.web;

import dev.docket.command.app.SlaCommands;
import dev.docket.command.sla.SlaChange;
import dev.docket.command.web.SlaRequests.CalendarRequest;
import dev.docket.command.web.SlaRequests.PoliciesRequest;
import dev.docket.events.CalendarId;
import dev.docket.events.sla.SlaPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Service-level configuration, for admins: business calendars and the ordered policies. Each change is one event
 * with the whole definition, the caller as actor and the reason given; it applies from its moment on, never to the
 * time before. Same conventions as the ticket commands (versions, If-Match, idempotency keys).
 */
@RestController
@Tag(name = "Service levels")
@RequestMapping(path = "/api/sla", produces = MediaType.APPLICATION_JSON_VALUE)
class SlaCommandController {

    private final SlaCommands sla;

    SlaCommandController(SlaCommands sla) {
        this.sla = sla;
    }

    record SlaChangedResponse(String id, long version) {
    }

    @Operation(summary = "Create a business calendar")
    @ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "ETag", description = "The new version"))
    @IdempotentChange
    @PostMapping(path = "/calendars", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SlaChangedResponse> createCalendar(@RequestBody CalendarRequest request) {
        return answer(HttpStatus.CREATED, sla.createCalendar(request.name(), SlaRequests.calendar(request),
                request.reason()));
    }

    @Operation(summary = "Change a business calendar", description = "The whole definition, in force from now on.")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/calendars/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SlaChangedResponse> changeCalendar(@PathVariable CalendarId id, @RequestBody CalendarRequest request,
                                                      ExpectedVersion version) {
        return answer(HttpStatus.OK, sla.changeCalendar(id, version.value(), request.name(),
                SlaRequests.calendar(request), request.reason()));
    }

    @Operation(summary = "Set the service-level policies",
            description = "The whole ordered list, in force from now on: a ticket is under the first policy whose"
                    + " conditions match it. The policy book is at version 0 until the first change.")
    @ChangeAnswers
    @IdempotentChange
    @PutMapping(path = "/policies", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SlaChangedResponse> setPolicies(@RequestBody PoliciesRequest request, ExpectedVersion version) {
        return answer(HttpStatus.OK, sla.setPolicies(version.value(), SlaRequests.policies(request),
                request.reason()));
    }

    record CheckedPolicies(List<SlaPolicy> policies) {
    }

    @Operation(summary = "Check proposed service-level policies without setting them",
            description = "The same checks as setting them; answers the policies as they would be stored (tags "
                    + "normalised, names trimmed), or the problem setting them would answer. Nothing changes.")
    @PostMapping(path = "/policies/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    CheckedPolicies checkPolicies(@RequestBody PoliciesRequest request) {
        return new CheckedPolicies(sla.checkPolicies(SlaRequests.policies(request)));
    }

    private static ResponseEntity<SlaChangedResponse> answer(HttpStatus status, SlaChange change) {
        return ResponseEntity.status(status).eTag(String.valueOf(change.version()))
                .body(new SlaChangedResponse(change.id(), change.version()));
    }
}
