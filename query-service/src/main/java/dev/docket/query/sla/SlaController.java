package dev.docket.query.sla;

import dev.docket.query.api.QueryParameters;
import dev.docket.query.readmodel.Consistency;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Service levels across tickets: the breached and at-risk counts, and the attainment report (agents and admins). */
@RestController
@Tag(name = "Service levels")
@RequestMapping(path = "/api/sla", produces = MediaType.APPLICATION_JSON_VALUE)
class SlaController {

    /** The longest period one report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final ReadModelGenerations generations;
    private final Consistency consistency;

    SlaController(ReadModelGenerations generations, Consistency consistency) {
        this.generations = generations;
        this.consistency = consistency;
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
            return QueryParameters.dateOrInstant(text.strip());
        } catch (DateTimeParseException e) {
            throw DocketException.invalid(parameter, "must be a date (2026-11-24) or an instant (2026-11-24T09:30:00Z)");
        }
    }
}
