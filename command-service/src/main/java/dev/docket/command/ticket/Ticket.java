package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.support.errors.DocketException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A support ticket, rebuilt from its events. It holds only what its decisions need.
 */
@Aggregate
class Ticket {

    @AggregateIdentifier
    private TicketId ticketId;
    /** Number of events applied so far: the version clients see. */
    private long version;

    Ticket() {
        // for Axon: state comes from the events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    TicketChange handle(OpenTicket command) {
        if (command.ticketId() == null || command.number() == null) {
            throw DocketException.invalid("ticketId", "and number are allocated by the service and must be present");
        }
        if (command.priority() == null) {
            throw DocketException.invalid("priority", "is required");
        }
        String title = TicketRules.normalizeTitle(command.title());
        String description = TicketRules.normalizeDescription(command.description());
        TicketRules.requireNone(TicketRules.openingViolations(title, description));
        apply(new TicketOpened(command.ticketId(), command.number(), title, description, command.priority()));
        return new TicketChange(ticketId, version);
    }

    @EventSourcingHandler
    void on(TicketOpened event, @SequenceNumber long sequence) {
        ticketId = event.ticketId();
        version = sequence + 1;
    }
}
