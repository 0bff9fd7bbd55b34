package dev.docket.command.sla;

import dev.docket.command.rules.TextRules;
import dev.docket.command.ticket.TicketRules;
import dev.docket.events.TicketStatus;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.sla.SlaConditions;
import dev.docket.events.sla.SlaPause;
import dev.docket.events.sla.SlaPolicy;
import dev.docket.events.sla.SlaTarget;
import dev.docket.events.sla.TimeBasis;
import dev.docket.support.errors.FieldViolation;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What calendars and policies must look like; the aggregates check them, the API documents the limits. */
public final class SlaRules {

    public static final int NAME_MAX_LENGTH = 200;
    public static final int REASON_MAX_LENGTH = 1_000;
    public static final int MAX_SHIFTS = 100;
    public static final int MAX_HOLIDAYS = 1_000;
    public static final int MAX_HOLIDAY_DAYS = 366;
    public static final int MAX_POLICIES = 100;
    public static final int MAX_CONDITION_TAGS = 50;
    public static final int MAX_CONDITION_REQUESTERS = 1_000;
    /** A year: a longer promise is no promise. */
    public static final long MAX_TARGET_MINUTES = 366L * 24 * 60;
    public static final Pattern POLICY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private SlaRules() {
    }

    static List<FieldViolation> calendarViolations(String name, BusinessCalendar calendar, String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkLine(violations, "name", name, NAME_MAX_LENGTH, true);
        TextRules.checkLine(violations, "reason", reason, REASON_MAX_LENGTH, false);
        TextRules.checkPresent(violations, "calendar", calendar);
        if (calendar == null) {
            return violations;
        }
        if (calendar.week().size() > MAX_SHIFTS) {
            violations.add(new FieldViolation("week", "must hold at most " + MAX_SHIFTS + " shifts"));
        }
        if (calendar.holidays().size() > MAX_HOLIDAYS) {
            violations.add(new FieldViolation("holidays", "must hold at most " + MAX_HOLIDAYS + " entries"));
        }
        for (int i = 0; i < calendar.holidays().size(); i++) {
            BusinessCalendar.Holiday holiday = calendar.holidays().get(i);
            if (ChronoUnit.DAYS.between(holiday.from(), holiday.to()) + 1 > MAX_HOLIDAY_DAYS) {
                violations.add(new FieldViolation("holidays[" + i + "]", "must span at most " + MAX_HOLIDAY_DAYS
                        + " days"));
            }
        }
        return violations;
    }

    public static List<FieldViolation> policyViolations(List<SlaPolicy> policies, String reason) {
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkLine(violations, "reason", reason, REASON_MAX_LENGTH, false);
        TextRules.checkPresent(violations, "policies", policies);
        if (policies == null) {
            return violations;
        }
        if (policies.size() > MAX_POLICIES) {
            violations.add(new FieldViolation("policies", "must hold at most " + MAX_POLICIES + " policies"));
            return violations;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < policies.size(); i++) {
            SlaPolicy policy = policies.get(i);
            String at = "policies[" + i + "]";
            if (!POLICY_ID.matcher(policy.id()).matches()) {
                violations.add(new FieldViolation(at + ".id",
                        "must be 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit"));
            } else if (!ids.add(policy.id())) {
                violations.add(new FieldViolation(at + ".id", "is used by an earlier policy"));
            }
            TextRules.checkLine(violations, at + ".name", TextRules.strip(policy.name()), NAME_MAX_LENGTH, true);
            checkConditions(violations, at + ".conditions", policy.conditions());
            checkTargets(violations, at, policy);
            checkPauses(violations, at + ".pauses", policy.pauses());
        }
        return violations;
    }

    private static void checkConditions(List<FieldViolation> violations, String at, SlaConditions conditions) {
        if (conditions.tags().size() > MAX_CONDITION_TAGS) {
            violations.add(new FieldViolation(at + ".tags", "must hold at most " + MAX_CONDITION_TAGS + " tags"));
        }
        for (String tag : conditions.tags()) {
            List<FieldViolation> tagViolations = new ArrayList<>();
            TicketRules.normalizeTags(List.of(tag), "tag", tagViolations);
            tagViolations.forEach(v -> violations.add(new FieldViolation(at + ".tags",
                    "'" + tag + "' " + v.message())));
        }
        if (conditions.requesters().size() > MAX_CONDITION_REQUESTERS) {
            violations.add(new FieldViolation(at + ".requesters", "must hold at most " + MAX_CONDITION_REQUESTERS
                    + " people"));
        }
    }

    private static void checkTargets(List<FieldViolation> violations, String at, SlaPolicy policy) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < policy.targets().size(); j++) {
            SlaTarget target = policy.targets().get(j);
            String here = at + ".targets[" + j + "]";
            if (!seen.add(target.priority() + "/" + target.metric())) {
                violations.add(new FieldViolation(here, "repeats the " + target.priority().wireName() + " "
                        + target.metric().wireName() + " target of an earlier one"));
            }
            if (target.minutes() < 1 || target.minutes() > MAX_TARGET_MINUTES) {
                violations.add(new FieldViolation(here + ".minutes", "must be 1 to " + MAX_TARGET_MINUTES));
            } else if (target.warnMinutesBefore() < 0 || target.warnMinutesBefore() >= target.minutes()) {
                violations.add(new FieldViolation(here + ".warnMinutesBefore",
                        "must be 0 (no warning) or more, and less than minutes"));
            }
            if (target.basis() == TimeBasis.BUSINESS && policy.calendar() == null) {
                violations.add(new FieldViolation(here + ".basis",
                        "is business time, so the policy must name a calendar"));
            }
        }
    }

    private static void checkPauses(List<FieldViolation> violations, String at, List<SlaPause> pauses) {
        Set<TicketStatus> seen = new HashSet<>();
        for (int k = 0; k < pauses.size(); k++) {
            SlaPause pause = pauses.get(k);
            String here = at + "[" + k + "]";
            if (!seen.add(pause.status())) {
                violations.add(new FieldViolation(here + ".status", "is paused by an earlier entry"));
            }
            if (pause.status() == TicketStatus.RESOLVED || pause.status() == TicketStatus.CLOSED) {
                violations.add(new FieldViolation(here + ".status",
                        "cannot pause a clock: resolving or closing stops every clock"));
            }
            if (pause.metrics().isEmpty()) {
                violations.add(new FieldViolation(here + ".metrics", "must name at least one metric"));
            }
        }
    }

    /** The policies as stored: names stripped, condition tags normalised as tickets' tags are. */
    public static List<SlaPolicy> normalise(List<SlaPolicy> policies) {
        return policies.stream().map(p -> {
            Set<String> tags = new LinkedHashSet<>();
            p.conditions().tags().forEach(tag -> tags.add(TicketRules.normalizeTag(tag)));
            SlaConditions conditions = new SlaConditions(p.conditions().priorities(), tags, p.conditions().requesters());
            return new SlaPolicy(p.id(), TextRules.strip(p.name()), conditions, p.calendar(), p.targets(), p.pauses(),
                    p.internalNotesRespond(), p.automatedRepliesRespond());
        }).toList();
    }
}
