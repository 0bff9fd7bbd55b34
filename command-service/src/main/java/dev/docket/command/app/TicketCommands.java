package dev.docket.command.app;

import dev.docket.command.rules.TextRules;
import dev.docket.command.ticket.OpenTicket;
import dev.docket.command.ticket.PersonRules;
import dev.docket.command.ticket.TicketChange;
import dev.docket.command.ticket.TicketRules;
import dev.docket.events.ErrorCode;
import dev.docket.events.Priority;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.support.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * What the command side decides before a ticket exists: who it is for, and its number. Every other ticket command
 * goes straight to the ticket ({@link Commands}).
 */
@Service
public class TicketCommands {

    private final Commands commands;
    private final TicketNumbers numbers;
    private final UserDirectory directory;

    TicketCommands(Commands commands, TicketNumbers numbers, UserDirectory directory) {
        this.commands = commands;
        this.numbers = numbers;
        this.directory = directory;
    }

    /** The answer to opening a ticket: its change (id, version) and its human number. */
    public record Opened(TicketChange change, String number) {
    }

    /**
     * Opens a ticket. Everything that can be checked is checked before a number is allocated, so a refused request
     * leaves no gap in the numbers.
     *
     * @param requesterId who the ticket is for; null means the caller, who must then be a registered person
     */
    @Transactional
    public Opened open(String title, String description, Priority priority, UserId requesterId, List<String> tags,
                       Caller caller) {
        String normalizedTitle = TicketRules.normalizeTitle(title);
        String normalizedDescription = TicketRules.normalizeDescription(description);
        List<FieldViolation> violations = TicketRules.openingViolations(normalizedTitle, normalizedDescription, tags);
        if (caller.seesOnlyOwnTickets() && requesterId != null && !requesterId.toString().equals(caller.subject())) {
            throw new DocketException(ErrorCode.FORBIDDEN, "A requester opens tickets for themselves only.");
        }
        UserId requester = requesterId != null ? requesterId : callerAsPerson(caller);
        if (requester == null) {
            violations.add(new FieldViolation("requesterId", "is required when the caller is not a registered user"));
        }
        TextRules.requireNone(violations);
        PersonRules.requireActive(directory, requester, "requesterId");
        String number = numbers.next();
        TicketChange change = commands.send(new OpenTicket(Ids.newTicketId(), number, normalizedTitle,
                normalizedDescription, priority == null ? Priority.NORMAL : priority, requester, tags));
        return new Opened(change, number);
    }

    /**
     * For a requester, the person whose tickets alone they may act on: themselves. A requester whose subject is not
     * a person's id requested nothing, so every ticket answers as missing.
     */
    public static UserId requesterOnly(Caller caller) {
        if (!caller.seesOnlyOwnTickets()) {
            return null;
        }
        try {
            return UserId.parse(caller.subject());
        } catch (IllegalArgumentException notAPerson) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket with this id.");
        }
    }

    /** The caller as a person, when the subject is a registered user's id. */
    private UserId callerAsPerson(Caller caller) {
        try {
            UserId person = UserId.parse(caller.subject());
            return directory.find(person).isPresent() ? person : null;
        } catch (IllegalArgumentException notAUserId) {
            return null;
        }
    }
}
