package dev.docket.query.check;

import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code POST /api/admin/consistency-check} (admins): compares the event store with the read models ticket by
 * ticket and answers every divergence. The event store's view is read from the command service with the caller's
 * own token, so the check needs no credentials of its own.
 */
@RestController
@Tag(name = "Read-model operations")
class ConsistencyCheckController {

    private final ConsistencyCheck check;

    ConsistencyCheckController(ConsistencyCheck check) {
        this.check = check;
    }

    @Operation(summary = "Compare the event store with the read models, ticket by ticket")
    @PostMapping(path = "/api/admin/consistency-check", produces = MediaType.APPLICATION_JSON_VALUE)
    ConsistencyCheck.Report run(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                @RequestParam(required = false) @Schema(description = "service-level milestones due "
                                        + "more recently than this ISO-8601 duration are not compared (the sweeper "
                                        + "may not have recorded them yet)", defaultValue = "PT30S") String slaGrace) {
        Duration grace = ConsistencyCheck.SLA_GRACE;
        if (slaGrace != null) {
            try {
                grace = Duration.parse(slaGrace.strip());
            } catch (DateTimeParseException e) {
                throw DocketException.invalid("slaGrace", "must be an ISO-8601 duration such as PT30S");
            }
            if (grace.isNegative()) {
                throw DocketException.invalid("slaGrace", "must not be negative");
            }
        }
        return check.run(authorization, grace);
    }
}
