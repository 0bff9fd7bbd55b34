package dev.docket.command.app;

import dev.docket.command.ticket.RecordSlaMilestones;
import dev.docket.events.ErrorCode;
import dev.docket.events.SlaMilestoneEvent;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketId;
import dev.docket.events.sla.ClockCycle;
import dev.docket.events.sla.SlaClocks;
import dev.docket.events.sla.SlaConfigHistory;
import dev.docket.events.sla.SlaMilestone;
import dev.docket.events.sla.SlaState;
import dev.docket.events.sla.TicketFact;
import dev.docket.support.errors.DocketException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Records each ticket's service-level warnings, breaches and fulfilments as ticket events, once each, near their
 * time: every instance claims the tickets due ({@link SlaDue}), computes their clocks from their history and the
 * configuration ({@link SlaClocks}), sends the milestones not yet recorded to the ticket (which refuses them when it
 * changed meanwhile, and records each at most once), and schedules the next look. A milestone due while no instance
 * ran is recorded at the next sweep, with its own time in the event.
 */
@Component
public class SlaSweeper {

    /** The actor of the events Docket records by itself. */
    public static final String ACTOR = "docket:sla";

    private static final Logger log = LoggerFactory.getLogger(SlaSweeper.class);

    private final SlaDue due;
    private final SlaConfigSource config;
    private final EventStore events;
    private final Commands commands;
    private final TransactionTemplate transactions;
    private final SlaProperties properties;
    private final Clock clock;
    private final AsyncTaskExecutor lookers;

    @Autowired
    SlaSweeper(SlaDue due, SlaConfigSource config, EventStore events, Commands commands,
               TransactionTemplate transactions, SlaProperties properties) {
        this(due, config, events, commands, transactions, properties, Clock.systemUTC(),
                new SimpleAsyncTaskExecutorBuilder().virtualThreads(true).concurrencyLimit(properties.threads())
                        .threadNamePrefix("sla-look-").build());
    }

    private SlaSweeper(SlaDue due, SlaConfigSource config, EventStore events, Commands commands,
                       TransactionTemplate transactions, SlaProperties properties, Clock clock,
                       AsyncTaskExecutor lookers) {
        this.due = due;
        this.config = config;
        this.events = events;
        this.commands = commands;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.lookers = lookers;
    }

    /** Another sweeper over the same database reading {@code clock}: a second instance, for tests. */
    public SlaSweeper withClock(Clock otherClock) {
        return new SlaSweeper(due, config, events, commands, transactions, properties, otherClock, lookers);
    }

    @Scheduled(fixedDelayString = "${docket.sla.sweep-interval:500ms}")
    void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            while (sweep() == properties.batch()) {
                // a full batch: more may be due at once
            }
        } catch (RuntimeException e) {
            log.warn("The service-level sweep failed; the next one retries: {}", e.toString());
        }
    }

    /** One sweep at this sweeper's clock's time; answers how many tickets it claimed. */
    public int sweep() {
        Instant now = clock.instant();
        List<SlaDue.Claim> claims = transactions.execute(status -> due.claim(now, properties.batch(),
                properties.lease()));
        SlaConfigHistory configuration = config.current();
        List<SlaDue.Outcome> outcomes = new ArrayList<>();
        if (configuration.hadPolicies()) {
            // the claimed tickets are distinct: up to DOCKET_SLA_THREADS looks run side by side (the executor holds
            // back the rest), so their commits wait for the disk together
            // a look never throws: it answers when to look again instead
            List<CompletableFuture<SlaDue.Outcome>> looks = claims.stream()
                    .map(claim -> lookers.submitCompletable(() -> look(claim, configuration, now))).toList();
            looks.forEach(look -> outcomes.add(look.join()));
        } else {
            // no policy ever: no clock has a target, nothing to record until one exists (which looks at every ticket)
            claims.forEach(claim -> outcomes.add(new SlaDue.Outcome(claim, null, false)));
        }
        transactions.executeWithoutResult(status -> due.looked(outcomes));
        return claims.size();
    }

    /** A ticket's clocks at {@code asOf}, computed from its stored history and the stored configuration. */
    public SlaState clocks(TicketId ticket, Instant asOf) {
        return history(ticket).clocks(config.current(), asOf);
    }

    /** Records what is due for one claimed ticket; answers when to look at it next. */
    private SlaDue.Outcome look(SlaDue.Claim claim, SlaConfigHistory configuration, Instant now) {
        TicketId ticket = new TicketId(claim.ticket());
        try {
            History history = history(ticket);
            SlaState state = history.clocks(configuration, now);
            List<SlaMilestone> pending = state.milestones().stream()
                    .filter(m -> !history.recorded().contains(m.key())).toList();
            if (!pending.isEmpty()) {
                commands.sendAs(ACTOR, new RecordSlaMilestones(ticket, history.version(), pending));
            }
            boolean stopped = !state.cycles().isEmpty()
                    && state.cycles().stream().allMatch(c -> c.state() == ClockCycle.State.STOPPED);
            return new SlaDue.Outcome(claim, state.nextDue().orElse(null), stopped);
        } catch (DocketException e) {
            if (e.code() != ErrorCode.VERSION_MISMATCH) {
                log.warn("Service-level clocks of ticket {} not recorded; retrying: {}", ticket, e.toString());
            }
            return new SlaDue.Outcome(claim, now, false);
        } catch (RuntimeException e) {
            log.warn("Service-level clocks of ticket {} not recorded; another look after the lease: {}", ticket,
                    e.toString());
            return new SlaDue.Outcome(claim, now.plus(properties.lease()), false);
        }
    }

    /** A ticket's stored events as the clocks read them, the milestones already recorded, and its version. */
    private record History(List<TicketFact> facts, Set<String> recorded, long version) {

        SlaState clocks(SlaConfigHistory configuration, Instant asOf) {
            return SlaClocks.compute(facts, configuration, asOf);
        }
    }

    /** Every stored event of the ticket from the first: never from a snapshot, which holds no facts of its own. */
    private History history(TicketId ticket) {
        List<TicketFact> facts = new ArrayList<>();
        Set<String> recorded = new HashSet<>();
        long version = 0;
        for (DomainEventMessage<?> message : events.readEvents(ticket.toString(), 0).asStream().toList()) {
            version = message.getSequenceNumber() + 1;
            if (message.getPayload() instanceof TicketEvent event) {
                facts.add(TicketFact.of(message.getTimestamp(), event));
                if (event instanceof SlaMilestoneEvent milestone) {
                    recorded.add(milestone.milestoneKey());
                }
            }
        }
        return new History(facts, recorded, version);
    }
}
