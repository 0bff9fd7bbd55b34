package dev.docket.command.web;

import dev.docket.events.CalendarId;
import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import dev.docket.events.UserId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.calendar.BusinessCalendar.Holiday;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import dev.docket.events.sla.SlaConditions;
import dev.docket.events.sla.SlaMetric;
import dev.docket.events.sla.SlaPause;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TimeBasis;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.jspecify.annotations.Nullable;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The admin API's service-level bodies, and their translation into the contract's records: every missing value is
 * named at its path ({@code policies[0].targets[1].minutes}) in one answer. What the values must be beyond being
 * there is the aggregates' rule.
 */
final class SlaRequests {

    private SlaRequests() {
    }

    record ShiftRequest(DayOfWeek day, LocalTime from, LocalTime to) {
    }

    /** A single day when {@code to} is left out. */
    record HolidayRequest(LocalDate from, @Nullable LocalDate to) {
    }

    record CalendarRequest(String name, ZoneId zone, List<ShiftRequest> week, @Nullable List<HolidayRequest> holidays,
                           @Nullable String reason) {
    }

    record ConditionsRequest(@Nullable List<Priority> priorities, @Nullable List<String> tags,
                             @Nullable List<UserId> requesters) {
    }

    record TargetRequest(Priority priority, SlaMetric metric, Long minutes, TimeBasis basis,
                         @Nullable Long warnMinutesBefore) {
    }

    record PauseRequest(TicketStatus status, List<SlaMetric> metrics) {
    }

    record PolicyRequest(String id, String name, @Nullable ConditionsRequest conditions, @Nullable CalendarId calendar,
                         List<TargetRequest> targets, @Nullable List<PauseRequest> pauses,
                         @Nullable Boolean internalNotesRespond, @Nullable Boolean automatedRepliesRespond) {
    }

    record PoliciesRequest(List<PolicyRequest> policies, @Nullable String reason) {
    }

    static BusinessCalendar calendar(CalendarRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        present(violations, "zone", request.zone());
        present(violations, "week", request.week());
        List<WorkingHours> week = new ArrayList<>();
        List<ShiftRequest> shifts = request.week() == null ? List.of() : request.week();
        if (request.week() != null && shifts.isEmpty()) {
            violations.add(new FieldViolation("week", "must hold at least one shift"));
        }
        for (int i = 0; i < shifts.size(); i++) {
            ShiftRequest shift = shifts.get(i);
            String at = "week[" + i + "]";
            if (present(violations, at, shift) && present(violations, at + ".day", shift.day())
                    & present(violations, at + ".from", shift.from()) & present(violations, at + ".to", shift.to())) {
                week.add(new WorkingHours(shift.day(), shift.from(), shift.to()));
            }
        }
        List<Holiday> holidays = new ArrayList<>();
        List<HolidayRequest> days = request.holidays() == null ? List.of() : request.holidays();
        for (int i = 0; i < days.size(); i++) {
            HolidayRequest day = days.get(i);
            String at = "holidays[" + i + "]";
            if (present(violations, at, day) && present(violations, at + ".from", day.from())) {
                LocalDate to = day.to() == null ? day.from() : day.to();
                if (to.isBefore(day.from())) {
                    violations.add(new FieldViolation(at + ".to", "must not be before from"));
                } else {
                    holidays.add(new Holiday(day.from(), to));
                }
            }
        }
        require(violations);
        return new BusinessCalendar(request.zone(), week, holidays);
    }

    static List<SlaPolicy> policies(PoliciesRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        present(violations, "policies", request.policies());
        List<SlaPolicy> policies = new ArrayList<>();
        List<PolicyRequest> given = request.policies() == null ? List.of() : request.policies();
        for (int i = 0; i < given.size(); i++) {
            PolicyRequest policy = given.get(i);
            String at = "policies[" + i + "]";
            if (!present(violations, at, policy)) {
                continue;
            }
            boolean complete = present(violations, at + ".id", policy.id())
                    & present(violations, at + ".name", policy.name())
                    & present(violations, at + ".targets", policy.targets());
            List<SlaTarget> targets = targets(violations, at, policy.targets());
            List<SlaPause> pauses = pauses(violations, at, policy.pauses());
            ConditionsRequest conditions = policy.conditions();
            if (complete && targets != null && pauses != null) {
                policies.add(new SlaPolicy(policy.id(), policy.name(), conditions == null ? SlaConditions.ANY
                        : new SlaConditions(set(conditions.priorities()), set(conditions.tags()),
                                set(conditions.requesters())),
                        policy.calendar(), targets, pauses, Boolean.TRUE.equals(policy.internalNotesRespond()),
                        policy.automatedRepliesRespond() == null || policy.automatedRepliesRespond()));
            }
        }
        require(violations);
        return policies;
    }

    private static @Nullable List<SlaTarget> targets(List<FieldViolation> violations, String at,
                                                     @Nullable List<TargetRequest> given) {
        List<SlaTarget> targets = new ArrayList<>();
        boolean complete = true;
        for (int j = 0; given != null && j < given.size(); j++) {
            TargetRequest target = given.get(j);
            String here = at + ".targets[" + j + "]";
            if (present(violations, here, target) && present(violations, here + ".priority", target.priority())
                    & present(violations, here + ".metric", target.metric())
                    & present(violations, here + ".minutes", target.minutes())
                    & present(violations, here + ".basis", target.basis())) {
                targets.add(new SlaTarget(target.priority(), target.metric(), target.minutes(), target.basis(),
                        target.warnMinutesBefore() == null ? 0 : target.warnMinutesBefore()));
            } else {
                complete = false;
            }
        }
        return complete ? targets : null;
    }

    private static @Nullable List<SlaPause> pauses(List<FieldViolation> violations, String at,
                                                   @Nullable List<PauseRequest> given) {
        List<SlaPause> pauses = new ArrayList<>();
        boolean complete = true;
        for (int k = 0; given != null && k < given.size(); k++) {
            PauseRequest pause = given.get(k);
            String here = at + ".pauses[" + k + "]";
            if (present(violations, here, pause) && present(violations, here + ".status", pause.status())
                    & present(violations, here + ".metrics", pause.metrics())
                    && pause.metrics().stream().allMatch(m -> present(violations, here + ".metrics", m))) {
                pauses.add(new SlaPause(pause.status(), set(pause.metrics())));
            } else {
                complete = false;
            }
        }
        return complete ? pauses : null;
    }

    private static <T> java.util.Set<T> set(@Nullable List<T> values) {
        java.util.Set<T> set = new HashSet<>();
        if (values != null) {
            values.stream().filter(java.util.Objects::nonNull).forEach(set::add);
        }
        return set;
    }

    private static boolean present(List<FieldViolation> violations, String field, @Nullable Object value) {
        if (value == null) {
            violations.add(new FieldViolation(field, "is required"));
            return false;
        }
        return true;
    }

    private static void require(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
    }
}
