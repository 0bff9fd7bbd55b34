package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Add and remove tags in one change. */
public record ChangeTags(@TargetAggregateIdentifier TicketId ticketId, Long expectedVersion, List<String> add,
                         List<String> remove) implements TicketChangeCommand {
}
