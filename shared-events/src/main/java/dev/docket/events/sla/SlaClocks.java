package dev.docket.events.sla;

import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.UserId;
import dev.docket.events.calendar.BusinessCalendar;
import dev.docket.events.sla.ClockCycle.State;
import dev.docket.events.sla.SlaMilestone.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A ticket's service-level clocks as a pure function of its facts, the policy and calendar versions in force at
 * each moment, and the moment asked about. The same inputs always give the same cycles and milestones.
 *
 * <p>The rules (docs/sla.md tells them with an example):
 * <ul>
 *   <li>Opening starts the first-response and resolution clocks. A requester's message starts a next-response
 *       cycle once the first response has come, unless one is running or the ticket is resolved.</li>
 *   <li>A reply by anyone but the requester stops the running first- and next-response clocks when it counts as
 *       a response: a public reply always, an internal note or an automated agent's reply only where the policy
 *       says so. Resolving stops every clock; reopening starts a new resolution cycle that keeps the time used
 *       and whether it already warned or breached.</li>
 *   <li>A clock counts only while a target applies to it and it is not paused: the ticket is in a status the
 *       policy pauses it in, or archived. Its target is the first matching policy's for the ticket's priority at
 *       each moment; a change of policy, priority or calendar carries the time used forward and applies from the
 *       moment it happens, never to the time before.</li>
 *   <li>A clock warns when it has used all but its target's warning time, and breaches when it has used its
 *       target; each happens at most once per cycle, and a warning not before the breach is skipped.</li>
 * </ul>
 * Facts are read in the order given, each at its time or its predecessor's if that is later.
 */
public final class SlaClocks {

    /** What an agent's reply counts as when no policy applies (a policy's own settings decide otherwise). */
    private static final SlaPolicy NO_POLICY = new SlaPolicy("", "", SlaConditions.ANY, null, List.of(), List.of(),
            false, true);

    private SlaClocks() {
    }

    /**
     * The clocks of a ticket at {@code asOf} from its facts (empty before the ticket is opened); milestones after
     * {@code asOf} have not happened yet, and facts after it are not read.
     */
    public static SlaState compute(List<TicketFact> facts, SlaConfigHistory config, Instant asOf) {
        Fold fold = new Fold(config);
        Instant previous = null;
        for (TicketFact fact : facts) {
            Instant at = previous != null && previous.isAfter(fact.at()) ? previous : fact.at();
            if (at.isAfter(asOf)) {
                break;
            }
            fold.configChangesUntil(previous, at);
            fold.read(at, fact);
            previous = at;
        }
        if (previous != null) {
            fold.configChangesUntil(previous, asOf);
            fold.advance(asOf);
        }
        return fold.state(asOf);
    }

    /**
     * Whether the clocks read {@code event} for more than its time: the events they ignore (edits, assignments,
     * attachments, the milestones themselves) may be left out of the facts, as long as each fact kept is read at the
     * time it had among all of them.
     */
    public static boolean reads(TicketEvent event) {
        return switch (event) {
            case TicketOpened e -> true;
            case TicketPriorityChanged e -> true;
            case TicketTagsChanged e -> true;
            case TicketStatusChanged e -> true;
            case TicketCommentAdded e -> true;
            case TicketArchived e -> true;
            case TicketRestored e -> true;
            default -> false;
        };
    }

    /** The ticket as the clocks need it, and its cycles. */
    private static final class Fold {

        private final SlaConfigHistory config;
        private final List<Run> runs = new ArrayList<>();
        private final List<SlaMilestone> milestones = new ArrayList<>();
        private Priority priority;
        private Set<String> tags = Set.of();
        private UserId requester;
        private TicketStatus status;
        private boolean archived;
        private SlaPolicy policy;
        private Run firstResponse;
        private Run nextResponse;
        private Run resolution;
        private int nextResponseCycles;

        Fold(SlaConfigHistory config) {
            this.config = config;
        }

        /** Applies the configuration changes after {@code from} (exclusive) up to {@code to}, one by one. */
        void configChangesUntil(Instant from, Instant to) {
            if (from == null) {
                return;
            }
            for (Instant change : config.changes(from, to)) {
                advance(change);
                reconfigure(change);
            }
        }

        void read(Instant at, TicketFact fact) {
            if (fact.event() instanceof TicketOpened opened) {
                if (status != null) {
                    return; // a ticket opens once; the contract guarantees it
                }
                priority = opened.priority();
                tags = new LinkedHashSet<>(opened.tags());
                requester = opened.requesterId();
                status = TicketStatus.OPEN;
                policy = policyAt(at);
                firstResponse = start(SlaMetric.FIRST_RESPONSE, 1, at, null);
                resolution = start(SlaMetric.RESOLUTION, 1, at, null);
                reconfigure(at);
                return;
            }
            if (status == null) {
                return;
            }
            advance(at);
            switch (fact.event()) {
                case TicketPriorityChanged e -> priority = e.to();
                case TicketTagsChanged e -> {
                    tags = new LinkedHashSet<>(tags);
                    tags.removeAll(e.removed());
                    tags.addAll(e.added());
                }
                case TicketStatusChanged e -> statusChanged(at, e.to());
                case TicketCommentAdded e -> commented(at, e, fact.automated());
                case TicketArchived e -> archived = true;
                case TicketRestored e -> archived = false;
                default -> {
                    // edits, assignments, ownership and attachments leave the clocks alone
                }
            }
            reconfigure(at);
        }

        private void statusChanged(Instant at, TicketStatus to) {
            boolean wasDone = done(status);
            status = to;
            if (done(to)) {
                stop(firstResponse, at);
                stop(nextResponse, at);
                stop(resolution, at);
            } else if (wasDone && resolution.stoppedAt != null) {
                resolution = start(SlaMetric.RESOLUTION, resolution.cycle + 1, at, resolution);
            }
        }

        private void commented(Instant at, TicketCommentAdded comment, boolean automated) {
            if (comment.author().equals(requester.toString())) {
                boolean answered = firstResponse.stoppedAt != null;
                boolean waiting = nextResponse != null && nextResponse.stoppedAt == null;
                if (answered && !waiting && !done(status)) {
                    nextResponse = start(SlaMetric.NEXT_RESPONSE, ++nextResponseCycles, at, null);
                }
                return;
            }
            SlaPolicy rules = policy == null ? NO_POLICY : policy;
            boolean responds = (comment.visibility() == CommentVisibility.PUBLIC || rules.internalNotesRespond())
                    && (!automated || rules.automatedRepliesRespond());
            if (responds) {
                stop(firstResponse, at);
                stop(nextResponse, at);
            }
        }

        private Run start(SlaMetric metric, int cycle, Instant at, Run continued) {
            Run run = new Run(metric, cycle, at);
            if (continued != null) {
                run.elapsed = continued.elapsed;
                run.warnedAt = continued.warnedAt;
                run.breachedAt = continued.breachedAt;
            }
            runs.add(run);
            return run;
        }

        private void stop(Run run, Instant at) {
            if (run == null || run.stoppedAt != null) {
                return;
            }
            run.stoppedAt = at;
            run.segmentStart = null;
            if (run.target != null) {
                milestones.add(new SlaMilestone(run.metric, run.cycle, Kind.FULFILMENT, at, run.policy.id(), run.target,
                        null, run.breachedAt != null));
            }
        }

        /** Records the warnings and breaches due by {@code at} and counts every running clock up to it. */
        void advance(Instant at) {
            for (Run run : runs) {
                run.advance(at, milestones);
            }
        }

        /** Puts every clock not stopped under the policy, target, calendar and pause in force at {@code at}. */
        private void reconfigure(Instant at) {
            policy = policyAt(at);
            for (Run run : runs) {
                if (run.stoppedAt != null) {
                    continue;
                }
                SlaTarget target = policy == null ? null : policy.target(priority, run.metric).orElse(null);
                BusinessCalendar calendar = target != null && target.basis() == TimeBasis.BUSINESS
                        ? config.calendarAt(policy.calendar(), at) : null;
                boolean paused = archived || (policy != null && policy.pauses(run.metric, status));
                run.reconfigure(at, policy, target, calendar, paused);
            }
        }

        private SlaPolicy policyAt(Instant at) {
            for (SlaPolicy candidate : config.policiesAt(at)) {
                if (candidate.conditions().matches(priority, tags, requester)) {
                    return candidate;
                }
            }
            return null;
        }

        private static boolean done(TicketStatus status) {
            return status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED;
        }

        SlaState state(Instant asOf) {
            List<ClockCycle> cycles = runs.stream().map(run -> run.cycle(asOf)).toList();
            List<SlaMilestone> ordered = milestones.stream()
                    .sorted(Comparator.comparing(SlaMilestone::at)).toList();
            return new SlaState(policy == null ? null : policy.id(), cycles, ordered);
        }
    }

    /** One cycle of one clock while the fold runs. */
    private static final class Run {

        final SlaMetric metric;
        final int cycle;
        final Instant startedAt;
        Duration elapsed = Duration.ZERO;
        /** Since when the clock counts, while it counts. */
        Instant segmentStart;
        Instant pausedSince;
        Instant stoppedAt;
        Instant warnedAt;
        Instant breachedAt;
        SlaPolicy policy;
        SlaTarget target;
        BusinessCalendar calendar;
        boolean paused;

        Run(SlaMetric metric, int cycle, Instant startedAt) {
            this.metric = metric;
            this.cycle = cycle;
            this.startedAt = startedAt;
        }

        boolean counting() {
            return stoppedAt == null && target != null && !paused;
        }

        void advance(Instant at, List<SlaMilestone> milestones) {
            if (!counting() || at.isBefore(segmentStart)) {
                return;
            }
            Instant due = dueAt();
            Instant warn = warnAt();
            if (warn != null && warn.isBefore(due) && !warn.isAfter(at)) {
                warnedAt = warn;
                milestones.add(new SlaMilestone(metric, cycle, Kind.WARNING, warn, policy.id(), target, due,
                        false));
            }
            if (breachedAt == null && !due.isAfter(at)) {
                breachedAt = due;
                milestones.add(new SlaMilestone(metric, cycle, Kind.BREACH, due, policy.id(), target, due, true));
            }
            elapsed = elapsed.plus(measure(segmentStart, at));
            segmentStart = at;
        }

        void reconfigure(Instant at, SlaPolicy newPolicy, SlaTarget newTarget, BusinessCalendar newCalendar,
                         boolean nowPaused) {
            boolean wasCounting = counting();
            boolean wasPaused = target != null && paused;
            policy = newPolicy;
            target = newTarget;
            calendar = newCalendar;
            paused = nowPaused;
            if (counting() && !wasCounting) {
                segmentStart = at;
            } else if (!counting()) {
                segmentStart = null;
            }
            boolean isPaused = target != null && paused;
            if (isPaused && !wasPaused) {
                pausedSince = at;
            } else if (!isPaused) {
                pausedSince = null;
            }
        }

        /** When the target is used up if the clock keeps counting from {@link #segmentStart}; never before it. */
        Instant dueAt() {
            return after(target.within());
        }

        /** When the warning is due, if the target warns and the clock has not warned or breached. */
        Instant warnAt() {
            return target.warns() && warnedAt == null && breachedAt == null ? after(target.warnAfter()) : null;
        }

        private Instant after(Duration used) {
            Duration left = used.minus(elapsed);
            if (!left.isPositive()) {
                return segmentStart;
            }
            return calendar == null ? segmentStart.plus(left) : calendar.plusBusinessTime(segmentStart, left);
        }

        private Duration measure(Instant from, Instant to) {
            return calendar == null ? Duration.between(from, to) : calendar.businessTime(from, to);
        }

        ClockCycle cycle(Instant asOf) {
            State state = stoppedAt != null ? State.STOPPED : target != null && paused ? State.PAUSED : State.RUNNING;
            boolean counting = counting();
            return new ClockCycle(metric, cycle, state, policy == null ? null : policy.id(), target, startedAt,
                    elapsed, breachedAt != null ? breachedAt : counting ? dueAt() : null,
                    counting ? warnAtIfBeforeDue() : null, pausedSince, stoppedAt,
                    warnedAt, breachedAt);
        }

        private Instant warnAtIfBeforeDue() {
            Instant warn = warnAt();
            return warn != null && warn.isBefore(dueAt()) ? warn : null;
        }
    }

    /** The earliest warning or breach still to come among {@code cycles}: when to look at the ticket again. */
    static Optional<Instant> nextDue(List<ClockCycle> cycles) {
        return cycles.stream()
                .filter(c -> c.state() == State.RUNNING && c.target() != null)
                .flatMap(c -> Stream.of(c.warnAt(), c.breached() ? null : c.dueAt()))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }
}
