package dev.docket.command.app;

import dev.docket.command.rules.TextRules;
import dev.docket.command.ticket.OpenTicket;
import dev.docket.command.ticket.OpenedTicket;
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
 * What the command side decides about a new ticket before the ticket exists: who it is for, from the caller. The
 * ticket checks the opening and allocates its number. Every other ticket command goes straight to the ticket
 * ({@link Commands}).
 */
@Service
public class TicketCommands {

    private final Commands commands;
    private final UserDirectory directory;

    TicketCommands(Commands commands, UserDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    /**
     * Opens a ticket. Nothing is allocated before the ticket has checked the opening, so a refused request leaves no
     * gap in the numbers.
     *
     * @param requesterId who the ticket is for; null means the caller, who must then be a registered person
     */
    @Transactional
    public OpenedTicket open(String title, String description, Priority priority, UserId requesterId,
                             List<String> tags, Caller caller) {
        if (caller.seesOnlyOwnTickets() && requesterId != null && !requesterId.toString().equals(caller.subject())) {
            throw new DocketException(ErrorCode.FORBIDDEN, "A requester opens tickets for themselves only.");
        }
        UserId requester = requesterId != null ? requesterId : callerAsPerson(caller);
        if (requester == null) {
            // the one fault the ticket cannot name as the caller sees it; reported with any others in one answer
            List<FieldViolation> violations = TicketRules.openingViolations(TicketRules.normalizeTitle(title),
                    TicketRules.normalizeDescription(description), tags);
            violations.add(new FieldViolation("requesterId", "is required when the caller is not a registered user"));
            TextRules.requireNone(violations);
        }
        return commands.send(new OpenTicket(Ids.newTicketId(), title, description,
                priority == null ? Priority.NORMAL : priority, requester, tags));
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
