package dev.docket.query.sla;

import dev.docket.events.ErrorCode;
import dev.docket.events.sla.ClockCycle;
import dev.docket.events.sla.SlaClocks;
import dev.docket.events.sla.SlaConfigHistory;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaState;
import dev.docket.events.sla.TicketFact;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A what-if run: the tickets opened in a period, their clocks computed from their facts twice, under the
 * configuration as it was and under proposed policies in force over the tickets' whole lives, with the same
 * calendars. Nothing is written. The proposed policies are checked by the command service, by the rules that setting
 * them would apply (so a what-if never accepts what a change would refuse), with the caller's own token.
 */
@Component
class SlaWhatIf {

    /** The longest period one run covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(92);
    /** The most tickets one run computes. */
    static final int MAX_TICKETS = 50_000;
    private static final int CHUNK = 1_000;

    /** Both computations of the period's tickets, as attainment rows over every cycle of those tickets. */
    record SlaWhatIfResult(Instant from, Instant to, Instant asOf, int tickets, List<SlaQueries.SlaAttainmentRow> current,
                           List<SlaQueries.SlaAttainmentRow> proposed) {
    }

    private record CheckedPolicies(List<SlaPolicy> policies) {
    }

    private final ReadModelGenerations generations;
    private final SlaConfigs configs;
    private final RestClient commandService;
    private final JsonMapper json;

    SlaWhatIf(ReadModelGenerations generations, SlaConfigs configs, RestClient commandService, JsonMapper json) {
        this.generations = generations;
        this.configs = configs;
        this.commandService = commandService;
        this.json = json;
    }

    /** Refuses a period longer than one run covers. */
    static void requirePeriod(Instant from, Instant to) {
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw DocketException.invalid("to", "a what-if run covers at most " + MAX_PERIOD.toDays() + " days");
        }
    }

    /**
     * Computes the run for {@code proposed} (as {@link #checked} answered them), in one read-only transaction: every
     * chunk of tickets read from the same snapshot.
     */
    @Transactional(readOnly = true)
    public SlaWhatIfResult run(List<SlaPolicy> proposed, Instant from, Instant to) {
        requirePeriod(from, to);
        Instant now = Instant.now();
        ReadModelSql sql = generations.active();
        List<UUID> tickets = sql.sql("""
                        SELECT id FROM {rm}.ticket WHERE created_at >= ? AND created_at < ?
                        ORDER BY created_at, id LIMIT ?""")
                .params(Timestamp.from(from), Timestamp.from(to), MAX_TICKETS + 1)
                .query(UUID.class).list();
        if (tickets.size() > MAX_TICKETS) {
            throw DocketException.invalid("to", "more than " + MAX_TICKETS
                    + " tickets were opened in the period; narrow it");
        }
        SlaConfigHistory actual = configs.current(sql).history();
        SlaConfigHistory proposal = actual.underPolicies(proposed);
        Tally current = new Tally();
        Tally underProposal = new Tally();
        TicketClocks clocks = new TicketClocks(sql, json);
        for (int i = 0; i < tickets.size(); i += CHUNK) {
            Map<UUID, List<TicketFact>> facts = clocks.facts(tickets.subList(i, Math.min(i + CHUNK,
                    tickets.size())));
            for (List<TicketFact> ticketFacts : facts.values()) {
                current.add(SlaClocks.compute(ticketFacts, actual, now));
                underProposal.add(SlaClocks.compute(ticketFacts, proposal, now));
            }
        }
        return new SlaWhatIfResult(from, to, now, tickets.size(), current.rows(), underProposal.rows());
    }

    /** The proposed policies as the command service would store them, or the problem it finds with them. */
    List<SlaPolicy> checked(JsonNode policies, String authorization) {
        try {
            return commandService.post().uri("/api/sla/policies/check")
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(Collections.singletonMap("policies", policies)))
                    .exchange((request, response) -> {
                        byte[] body = response.getBody().readAllBytes();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return json.readValue(body, CheckedPolicies.class).policies();
                        }
                        if (response.getStatusCode().is4xxClientError()) {
                            throw refused(json.readTree(body));
                        }
                        throw unavailable();
                    });
        } catch (DocketException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable();
        }
    }

    /** The command service's problem with the policies, as this service's own answer. */
    private static DocketException refused(JsonNode problem) {
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(problem.path("code").asString("VALIDATION_FAILED"));
        } catch (IllegalArgumentException unknown) {
            code = ErrorCode.VALIDATION_FAILED;
        }
        List<FieldViolation> violations = new ArrayList<>();
        problem.path("errors").forEach(error -> violations.add(new FieldViolation(error.path("field").asString(""),
                error.path("message").asString(""))));
        return new DocketException(code, problem.path("detail").asString("The proposed policies were refused."),
                violations);
    }

    private static DocketException unavailable() {
        return new DocketException(ErrorCode.SERVICE_UNAVAILABLE,
                "The command service could not check the proposed policies; try again.");
    }

    /** Attainment rows over every cycle with a target, as the report's rows count them. */
    private static final class Tally {

        private static final class Row {
            long met;
            long missed;
            long breachedOpen;
            final List<Long> elapsed = new ArrayList<>();
        }

        private final Map<List<String>, Row> rows = new TreeMap<>((a, b) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", b)));

        void add(SlaState state) {
            for (ClockCycle cycle : state.cycles()) {
                if (cycle.target() == null) {
                    continue;
                }
                Row row = rows.computeIfAbsent(List.of(cycle.policy(), cycle.target().priority().wireName(),
                        cycle.metric().wireName()), key -> new Row());
                if (cycle.state() == ClockCycle.State.STOPPED) {
                    if (cycle.breached()) {
                        row.missed++;
                    } else {
                        row.met++;
                    }
                    row.elapsed.add(cycle.elapsed().toSeconds());
                } else if (cycle.breached()) {
                    row.breachedOpen++;
                }
            }
        }

        List<SlaQueries.SlaAttainmentRow> rows() {
            List<SlaQueries.SlaAttainmentRow> result = new ArrayList<>();
            rows.forEach((key, row) -> {
                Collections.sort(row.elapsed);
                long stopped = row.met + row.missed;
                result.add(new SlaQueries.SlaAttainmentRow(key.get(0), key.get(1), key.get(2),
                        row.met, row.missed, row.breachedOpen,
                        stopped == 0 ? null : Math.round(1000.0 * row.met / stopped) / 10.0,
                        percentile(row.elapsed, 0.5), percentile(row.elapsed, 0.9)));
            });
            return result;
        }

        /** The first value whose share of the sorted values reaches {@code p}, as PostgreSQL's percentile_disc. */
        private static Long percentile(List<Long> sorted, double p) {
            return sorted.isEmpty() ? null : sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }
}
