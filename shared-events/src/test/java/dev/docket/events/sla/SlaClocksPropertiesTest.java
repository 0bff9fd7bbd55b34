package dev.docket.events.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.Priority;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.UserId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.calendar.BusinessCalendar.Holiday;
import dev.docket.events.calendar.BusinessCalendar.WorkingHours;
import dev.docket.events.sla.SlaMilestone.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clocks against a minute-by-minute reference, over random tickets (replies, notes, automated replies, status
 * moves, priority and tag changes, archiving) under random policies and calendars that change while the tickets
 * live. The cycles' boundaries are the example tests' business ({@link SlaClocksTest}); here the reference checks
 * the time each cycle used, and when it warned and breached, by walking its minutes one by one.
 */
class SlaClocksPropertiesTest {

    static final CalendarId OFFICE_ID = CalendarId.parse("0193a0e2-7c1d-7b4e-9f00-0000000cafe0");

    private static final Instant START = Instant.parse("2026-03-23T06:00:00Z"); // a week with Berlin's clock change
    private static final List<String> TAGS = List.of("vip", "billing");

    @Property(tries = 300)
    void eachClockUsesTheMinutesItCountsAndWarnsAndBreachesWhenTheyAddUp(@ForAll("scenarios") Scenario s) {
        SlaState state = SlaClocks.compute(s.facts(), s.config(), s.asOf());
        Set<String> expected = new HashSet<>();
        Map<SlaMetric, Walk> logical = new TreeMap<>();
        for (ClockCycle cycle : state.cycles()) {
            Walk walk = cycle.metric() == SlaMetric.RESOLUTION
                    ? logical.computeIfAbsent(SlaMetric.RESOLUTION, metric -> new Walk(s, metric))
                    : new Walk(s, cycle.metric());
            walk.through(cycle.startedAt(), cycle.stoppedAt() == null ? s.asOf() : cycle.stoppedAt(),
                    cycle.stoppedAt() != null);
            String where = cycle.metric() + " cycle " + cycle.cycle() + " in " + s;
            assertThat(cycle.elapsed()).as("elapsed, " + where).isEqualTo(Duration.ofMinutes(walk.elapsed));
            assertThat(cycle.warnedAt()).as("warned, " + where).isEqualTo(walk.warnedAt);
            assertThat(cycle.breachedAt()).as("breached, " + where).isEqualTo(walk.breachedAt);
            if (walk.warnedAt != null) {
                expected.add(cycle.metric() + " " + Kind.WARNING + " " + walk.warnedAt);
            }
            if (walk.breachedAt != null) {
                expected.add(cycle.metric() + " " + Kind.BREACH + " " + walk.breachedAt);
            }
        }
        List<String> recorded = state.milestones().stream().filter(m -> m.kind() != Kind.FULFILMENT)
                .map(m -> m.metric() + " " + m.kind() + " " + m.at()).toList();
        assertThat(recorded).as("milestones of " + s).doesNotHaveDuplicates();
        assertThat(new HashSet<>(recorded)).as("milestones of " + s).isEqualTo(expected);
    }

    @Property(tries = 300)
    void whatHappenedBySomeMomentNeverChangesAfterIt(@ForAll("scenarios") Scenario s) {
        SlaState last = SlaClocks.compute(s.facts(), s.config(), s.asOf());
        Instant earlier = s.facts().get(s.facts().size() / 2).at().plus(Duration.ofMinutes(7));
        SlaState then = SlaClocks.compute(s.facts(), s.config(), earlier);
        assertThat(then.milestones())
                .isEqualTo(last.milestones().stream().filter(m -> !m.at().isAfter(earlier)).toList());
        then.nextDue().ifPresent(due -> assertThat(due).isAfterOrEqualTo(earlier));
    }

    @Property(tries = 300)
    void factsThatTheClocksIgnoreChangeNothing(@ForAll("scenarios") Scenario s) {
        List<TicketFact> facts = s.facts();
        List<TicketFact> padded = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            TicketFact fact = facts.get(i);
            padded.add(fact);
            Instant next = i + 1 < facts.size() ? facts.get(i + 1).at() : s.asOf();
            Instant between = fact.at().plus(Duration.between(fact.at(), next).dividedBy(2));
            padded.add(TicketFact.of(between, new TicketAssigned(fact.event().ticketId(), TicketHistory.AGENT, null)));
        }
        SlaState state = SlaClocks.compute(s.facts(), s.config(), s.asOf());
        assertThat(SlaClocks.compute(padded, s.config(), s.asOf())).isEqualTo(state);
        // what the read side keeps: only the facts the clocks read
        assertThat(SlaClocks.compute(padded.stream().filter(f -> SlaClocks.reads(f.event())).toList(), s.config(),
                s.asOf())).isEqualTo(state);
    }

    @Property(tries = 300)
    void aPolicyChangeNeverChangesWhatHappenedBeforeIt(@ForAll("scenarios") Scenario s, @ForAll long seed) {
        Random random = new Random(seed);
        Instant change = s.facts().getFirst().at().plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        SlaConfigHistory changed = s.config().withPolicies(change, Scenario.policies(random));
        List<SlaMilestone> before = SlaClocks.compute(s.facts(), s.config(), s.asOf()).milestones().stream()
                .filter(m -> m.at().isBefore(change)).toList();
        assertThat(SlaClocks.compute(s.facts(), changed, s.asOf()).milestones().stream()
                .filter(m -> m.at().isBefore(change)).toList()).isEqualTo(before);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.longs().map(Scenario::generate);
    }

    /** A ticket's facts, on whole minutes, each at its own minute, and configuration versions at other minutes. */
    record Scenario(long seed, List<TicketFact> facts, SlaConfigHistory config, Instant asOf) {

        @Override
        public String toString() {
            return "scenario " + seed;
        }

        static Scenario generate(long seed) {
            Random random = new Random(seed);
            Set<Instant> taken = new HashSet<>();
            Instant opened = START.plus(Duration.ofMinutes(random.nextInt(24 * 60)));
            Priority priority = pick(random, Priority.values());
            TicketHistory history = TicketHistory.openedAt(opened, priority,
                    random.nextBoolean() ? new String[]{"vip"} : new String[0]);
            taken.add(opened);
            Instant at = opened;
            TicketStatus status = TicketStatus.OPEN;
            boolean archived = false;
            int steps = random.nextInt(12);
            for (int i = 0; i < steps && status != TicketStatus.CLOSED; i++) {
                at = at.plus(Duration.ofMinutes(1 + random.nextInt(random.nextBoolean() ? 60 : 600)));
                taken.add(at);
                history.at(at);
                switch (random.nextInt(9)) {
                    case 0 -> history.agentReplies();
                    case 1 -> history.agentAddsInternalNote();
                    case 2 -> history.automatedAgentReplies();
                    case 3, 4 -> history.requesterWrites();
                    case 5 -> {
                        List<TicketStatus> next = switch (status) {
                            case OPEN -> List.of(TicketStatus.IN_PROGRESS, TicketStatus.WAITING_ON_CUSTOMER,
                                    TicketStatus.RESOLVED);
                            case IN_PROGRESS -> List.of(TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.RESOLVED);
                            case WAITING_ON_CUSTOMER -> List.of(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);
                            case RESOLVED -> List.of(TicketStatus.OPEN, TicketStatus.OPEN, TicketStatus.CLOSED);
                            case CLOSED -> List.of();
                        };
                        status = next.get(random.nextInt(next.size()));
                        history.movesTo(status);
                    }
                    case 6 -> history.prioritised(pick(random, Priority.values()));
                    case 7 -> history.tagged(List.of(pick(random, TAGS.toArray(String[]::new))),
                            random.nextBoolean() ? List.of() : List.of(pick(random, TAGS.toArray(String[]::new))));
                    default -> {
                        if (archived) {
                            history.restored();
                        } else {
                            history.archived();
                        }
                        archived = !archived;
                    }
                }
            }
            Instant asOf = at.plus(Duration.ofMinutes(1 + random.nextInt(2 * 24 * 60)));
            taken.add(asOf);
            SlaConfigHistory config = SlaConfigHistory.EMPTY
                    .withCalendar(OFFICE_ID, opened.minus(Duration.ofDays(1)), calendar(random))
                    .withPolicies(opened.minus(Duration.ofDays(1)), policies(random));
            int changes = random.nextInt(3);
            long minutes = Duration.between(opened, asOf).toMinutes();
            for (int i = 0; i < changes; i++) {
                // a free minute of the span, as many tries as it has minutes: a short span whose minutes all hold
                // an event has no room for a change (looking until one turned up never ended)
                Instant when = null;
                for (long tries = 0; tries < minutes && when == null; tries++) {
                    Instant candidate = opened.plus(Duration.ofMinutes(random.nextLong(minutes)));
                    when = taken.contains(candidate) ? null : candidate;
                }
                if (when == null) {
                    continue;
                }
                taken.add(when);
                config = random.nextBoolean() ? config.withPolicies(when, policies(random))
                        : config.withCalendar(OFFICE_ID, when, calendar(random));
            }
            return new Scenario(seed, history.facts(), config, asOf);
        }

        /** A policy for VIP tickets, maybe one for urgent ones, and one for the rest. */
        static List<SlaPolicy> policies(Random random) {
            List<SlaPolicy> policies = new ArrayList<>();
            policies.add(policy(random, "vip", new SlaConditions(Set.of(), Set.of("vip"), Set.of())));
            if (random.nextBoolean()) {
                policies.add(policy(random, "urgent", new SlaConditions(Set.of(Priority.URGENT), Set.of(), Set.of())));
            }
            policies.add(policy(random, "rest", SlaConditions.ANY));
            return policies;
        }

        private static SlaPolicy policy(Random random, String id, SlaConditions conditions) {
            List<SlaTarget> targets = new ArrayList<>();
            for (Priority priority : Priority.values()) {
                for (SlaMetric metric : SlaMetric.values()) {
                    if (random.nextInt(5) > 0) {
                        long minutes = 1 + random.nextInt(random.nextBoolean() ? 120 : 1_500);
                        long warn = random.nextBoolean() ? 0 : random.nextLong(minutes);
                        targets.add(new SlaTarget(priority, metric, minutes, pick(random, TimeBasis.values()), warn));
                    }
                }
            }
            List<SlaPause> pauses = new ArrayList<>();
            for (TicketStatus status : TicketStatus.values()) {
                Set<SlaMetric> metrics = EnumSet.noneOf(SlaMetric.class);
                for (SlaMetric metric : SlaMetric.values()) {
                    if (random.nextInt(status == TicketStatus.WAITING_ON_CUSTOMER ? 2 : 8) == 0) {
                        metrics.add(metric);
                    }
                }
                if (!metrics.isEmpty()) {
                    pauses.add(new SlaPause(status, metrics));
                }
            }
            return new SlaPolicy(id, id, conditions, OFFICE_ID, targets, pauses, random.nextBoolean(),
                    random.nextBoolean());
        }

        private static BusinessCalendar calendar(Random random) {
            List<WorkingHours> week = new ArrayList<>();
            int shifts = 1 + random.nextInt(6);
            for (int i = 0; i < shifts; i++) {
                week.add(new WorkingHours(pick(random, DayOfWeek.values()), quarter(random), quarter(random)));
            }
            List<Holiday> holidays = random.nextInt(3) == 0
                    ? List.of(Holiday.on(START.atZone(ZoneId.of("UTC")).toLocalDate().plusDays(random.nextInt(5))))
                    : List.of();
            return new BusinessCalendar(ZoneId.of(random.nextBoolean() ? "Europe/Berlin" : "UTC"), week, holidays);
        }

        private static LocalTime quarter(Random random) {
            int q = random.nextInt(96);
            return LocalTime.of(q / 4, q % 4 * 15);
        }

        private static <T> T pick(Random random, T[] values) {
            return values[random.nextInt(values.length)];
        }
    }

    /**
     * One logical clock walked minute by minute: at each minute's start it reads the ticket and the configuration
     * as they were just before and just after what happened then, checks the warning and the breach, and counts
     * the minute when the clock runs through it.
     */
    static final class Walk {

        private final Scenario scenario;
        private final SlaMetric metric;
        long elapsed;
        Instant warnedAt;
        Instant breachedAt;

        Walk(Scenario scenario, SlaMetric metric) {
            this.scenario = scenario;
            this.metric = metric;
        }

        void through(Instant start, Instant end, boolean stopped) {
            for (Instant b = start; !b.isAfter(end); b = b.plusSeconds(60)) {
                if (b.isAfter(start)) {
                    check(view(b, false));
                }
                if (b.equals(end) && stopped) {
                    return;
                }
                View after = view(b, true);
                check(after);
                if (b.equals(end)) {
                    return;
                }
                if (after.target != null && !after.paused && (after.calendar == null || after.calendar.isWorking(b))) {
                    elapsed++;
                }
            }
        }

        private void check(View view) {
            if (view.target == null || view.paused || breachedAt != null) {
                return;
            }
            if (elapsed >= view.target.minutes()) {
                breachedAt = view.at;
            } else if (view.target.warnMinutesBefore() > 0 && warnedAt == null
                    && elapsed >= view.target.minutes() - view.target.warnMinutesBefore()) {
                warnedAt = view.at;
            }
        }

        /** The ticket and configuration at {@code at}: with what happened then ({@code after}) or without. */
        private View view(Instant at, boolean after) {
            Priority priority = null;
            TicketStatus status = null;
            Set<String> tags = new LinkedHashSet<>();
            boolean archived = false;
            UserId requester = null;
            for (TicketFact fact : scenario.facts()) {
                if (after ? fact.at().isAfter(at) : !fact.at().isBefore(at)) {
                    break;
                }
                switch (fact.event()) {
                    case TicketOpened e -> {
                        priority = e.priority();
                        tags.addAll(e.tags());
                        requester = e.requesterId();
                        status = TicketStatus.OPEN;
                    }
                    case TicketPriorityChanged e -> priority = e.to();
                    case TicketTagsChanged e -> {
                        tags.removeAll(e.removed());
                        tags.addAll(e.added());
                    }
                    case TicketStatusChanged e -> status = e.to();
                    case TicketArchived e -> archived = true;
                    case TicketRestored e -> archived = false;
                    default -> {
                    }
                }
            }
            Instant configAt = after ? at : at.minusNanos(1);
            SlaPolicy policy = null;
            for (SlaPolicy candidate : scenario.config().policiesAt(configAt)) {
                if (candidate.conditions().matches(priority, tags, requester)) {
                    policy = candidate;
                    break;
                }
            }
            SlaTarget target = policy == null ? null : policy.target(priority, metric).orElse(null);
            BusinessCalendar calendar = target != null && target.basis() == TimeBasis.BUSINESS
                    ? scenario.config().calendarAt(policy.calendar(), configAt) : null;
            boolean paused = archived || (policy != null && policy.pauses(metric, status));
            return new View(at, target, calendar, paused);
        }

        private record View(Instant at, SlaTarget target, BusinessCalendar calendar, boolean paused) {
        }
    }
}
