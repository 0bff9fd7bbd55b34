package dev.docket.command.app;

import dev.docket.command.ticket.OpenTicket;
import dev.docket.command.ticket.TicketChange;
import dev.docket.command.ticket.TicketRules;
import dev.docket.events.MetadataKeys;
import dev.docket.events.Priority;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

/**
 * The command side's entry point for ticket changes. Every call returns only after the resulting events are
 * committed: an answer means the change is durable.
 */
@Service
public class TicketCommands {

    private final CommandGateway gateway;
    private final TicketNumbers numbers;

    TicketCommands(CommandGateway gateway, TicketNumbers numbers) {
        this.gateway = gateway;
        this.numbers = numbers;
    }

    /** The answer to opening a ticket: its change (id, version) and its human number. */
    public record Opened(TicketChange change, String number) {
    }

    public Opened open(String title, String description, Priority priority, CommandOrigin origin) {
        String normalizedTitle = TicketRules.normalizeTitle(title);
        String normalizedDescription = TicketRules.normalizeDescription(description);
        TicketRules.requireNone(TicketRules.openingViolations(normalizedTitle, normalizedDescription));
        String number = numbers.next();
        OpenTicket command = new OpenTicket(TicketIds.next(), number, normalizedTitle, normalizedDescription, priority);
        TicketChange change = dispatch(command, origin);
        return new Opened(change, number);
    }

    private <R> R dispatch(Object command, CommandOrigin origin) {
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR, origin.actor())
                .and(MetadataKeys.CORRELATION_ID, origin.correlationId());
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
