package dev.docket.command.app;

import dev.docket.command.sla.ChangeCalendar;
import dev.docket.command.sla.CreateCalendar;
import dev.docket.command.sla.SetPolicies;
import dev.docket.command.sla.SlaChange;
import dev.docket.command.sla.SlaRules;
import dev.docket.events.CalendarId;
import dev.docket.events.ErrorCode;
import dev.docket.events.PolicyBookId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the command side decides about service-level configuration beyond one aggregate: a new calendar is recorded
 * in the calendar directory with its creation, and the policies may name only calendars recorded there.
 */
@Service
public class SlaCommands {

    private final Commands commands;
    private final JdbcClient jdbc;
    private final SlaDue due;
    private final Clock clock = Clock.systemUTC();

    SlaCommands(Commands commands, JdbcClient jdbc, SlaDue due) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.due = due;
    }

    @Transactional
    public SlaChange createCalendar(String name, BusinessCalendar calendar, String reason) {
        CalendarId id = new CalendarId(Ids.uuid7());
        jdbc.sql("INSERT INTO sla_calendar_directory (calendar_id) VALUES (?)").param(id.value()).update();
        SlaChange change = commands.send(new CreateCalendar(id, name, calendar, reason));
        due.bumpConfigVersion();
        return change;
    }

    @Transactional
    public SlaChange changeCalendar(CalendarId id, Long expectedVersion, String name, BusinessCalendar calendar,
                                    String reason) {
        return reconsidered(commands.send(new ChangeCalendar(id, expectedVersion, name, calendar, reason)));
    }

    /** Sets the policies once every calendar they name exists; calendars are never removed, so it stays true. */
    @Transactional
    public SlaChange setPolicies(Long expectedVersion, List<SlaPolicy> policies, String reason) {
        requireKnownCalendars(policies);
        return reconsidered(commands.send(new SetPolicies(PolicyBookId.DEFAULT, expectedVersion, policies, reason)));
    }

    /**
     * The policies as {@link #setPolicies} would store them, or the answer it would give them: checked by the same
     * rules, normalised the same way, nothing changed. What a what-if run computes proposed policies with.
     */
    public List<SlaPolicy> checkPolicies(List<SlaPolicy> policies) {
        requireKnownCalendars(policies);
        List<FieldViolation> violations = SlaRules.policyViolations(policies, "");
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
        return SlaRules.normalise(policies);
    }

    private void requireKnownCalendars(List<SlaPolicy> policies) {
        String[] named = policies.stream().filter(p -> p.calendar() != null).map(p -> p.calendar().toString())
                .distinct().toArray(String[]::new);
        Set<UUID> known = new HashSet<>(jdbc.sql(
                        "SELECT calendar_id FROM sla_calendar_directory WHERE calendar_id = ANY (?::uuid[])")
                .param(named).query(UUID.class).list());
        List<FieldViolation> unknown = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            CalendarId calendar = policies.get(i).calendar();
            if (calendar != null && !known.contains(calendar.value())) {
                unknown.add(new FieldViolation("policies[" + i + "].calendar", "names no business calendar"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new DocketException(ErrorCode.UNKNOWN_CALENDAR, "A policy names a business calendar that does not"
                    + " exist.", unknown);
        }
    }

    /**
     * A change that applies to running clocks: in its transaction, every instance is told to reload the
     * configuration and every ticket with running clocks to be looked at again.
     */
    private SlaChange reconsidered(SlaChange change) {
        due.bumpConfigVersion();
        due.configurationChanged(clock.instant());
        return change;
    }
}
