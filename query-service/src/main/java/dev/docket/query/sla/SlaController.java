package dev.docket.query.sla;

import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.support.web.DateOrInstant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Service levels across tickets: the breached and at-risk counts and the attainment report (agents, admins,
 * auditors), and what-if runs of proposed policies (admins).
 */
@RestController
@Tag(name = "Service levels")
@RequestMapping(path = "/api/sla", produces = MediaType.APPLICATION_JSON_VALUE)
class SlaController {

    /** The longest period one report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final ReadModelGenerations generations;
    private final Consistency consistency;
    private final SlaWhatIf whatIf;

    SlaController(ReadModelGenerations generations, Consistency consistency, SlaWhatIf whatIf) {
        this.generations = generations;
        this.consistency = consistency;
        this.whatIf = whatIf;
    }

    /**
     * @param policies the proposed ordered policies, in the shape {@code PUT /api/sla/policies} takes on the command
     *                 service
     * @param from     the period's start: a date (its start in UTC) or an instant
     * @param to       its end (not included)
     */
    record WhatIfRequest(@Schema(description = "the proposed policies, as PUT /api/sla/policies takes them")
                         JsonNode policies, String from, String to) {
    }

    @Operation(summary = "What if: the tickets opened in a period, under the policies as they were and as proposed",
            description = "Computes every clock of the period's tickets twice (the configuration as it was; the "
                    + "proposed policies over the tickets' whole lives) and answers both as attainment rows. The "
                    + "proposed policies are checked as setting them would check them. Nothing changes.")
    @PostMapping(path = "/what-if", consumes = MediaType.APPLICATION_JSON_VALUE)
    SlaWhatIf.SlaWhatIfResult whatIf(@RequestBody WhatIfRequest request,
                                     @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        List<FieldViolation> missing = new ArrayList<>();
        if (request.from() == null) {
            missing.add(new FieldViolation("from", "must be present"));
        }
        if (request.to() == null) {
            missing.add(new FieldViolation("to", "must be present"));
        }
        if (!missing.isEmpty()) {
            throw DocketException.invalid(missing);
        }
        Instant start = instant("from", request.from());
        Instant end = instant("to", request.to());
        if (!end.isAfter(start)) {
            throw DocketException.invalid("to", "must be after from");
        }
        SlaWhatIf.requirePeriod(start, end);
        // checked before the run's transaction: no database connection waits on the command service
        return whatIf.run(whatIf.checked(request.policies(), authorization), start, end);
    }

    @Operation(summary = "Exact counts of breached and at-risk tickets per status, priority and assignee")
    @GetMapping("/counts")
    SlaQueries.SlaCounts counts(@RequestParam(required = false) List<String> consistentWith) {
        consistency.await(Consistency.parse(consistentWith, "consistentWith"));
        return SlaQueries.counts(generations.active(), Instant.now());
    }

    @Operation(summary = "Service-level attainment per policy, priority and metric over a period")
    @GetMapping("/attainment")
    SlaQueries.SlaAttainment attainment(
            @RequestParam @Schema(description = "a date (its start in UTC) or an instant; the period's start") String from,
            @RequestParam @Schema(description = "a date or an instant; the period's end (not included)") String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw DocketException.invalid("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw DocketException.invalid("to", "the period covers at most " + MAX_PERIOD.toDays() + " days");
        }
        return SlaQueries.attainment(generations.active(), start, end, Instant.now());
    }

    private static Instant instant(String parameter, String text) {
        try {
            return DateOrInstant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DocketException.invalid(parameter, "must be a date (2026-11-24) or an instant (2026-11-24T09:30:00Z)");
        }
    }
}
