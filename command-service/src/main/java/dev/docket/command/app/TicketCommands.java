package dev.docket.command.app;

import dev.docket.command.rules.TextRules;
import dev.docket.command.ticket.AddComment;
import dev.docket.command.ticket.ArchiveTicket;
import dev.docket.command.ticket.AssignTicket;
import dev.docket.command.ticket.ChangePriority;
import dev.docket.command.ticket.ChangeStatus;
import dev.docket.command.ticket.ChangeTags;
import dev.docket.command.ticket.EditTicket;
import dev.docket.command.ticket.OpenTicket;
import dev.docket.command.ticket.PersonRules;
import dev.docket.command.ticket.RestoreTicket;
import dev.docket.command.ticket.TicketChange;
import dev.docket.command.ticket.TicketRules;
import dev.docket.command.ticket.TransferOwnership;
import dev.docket.command.ticket.UnassignTicket;
import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.ErrorCode;
import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.TicketStatus;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The command side's entry point for ticket changes. Every call returns only after the resulting events are
 * committed: an answer means the change is durable. Each method joins the caller's transaction when there is one
 * (the web layer's, which also holds the idempotency key), so all of a change commits or none of it.
 */
@Service
public class TicketCommands {

    private final CommandDispatcher dispatcher;
    private final TicketNumbers numbers;
    private final UserDirectory directory;

    TicketCommands(CommandDispatcher dispatcher, TicketNumbers numbers, UserDirectory directory) {
        this.dispatcher = dispatcher;
        this.numbers = numbers;
        this.directory = directory;
    }

    /** The answer to opening a ticket: its change (id, version) and its human number. */
    public record Opened(TicketChange change, String number) {
    }

    /** The answer to a comment: the change and the new comment's id. */
    public record Commented(TicketChange change, CommentId commentId) {
    }

    /**
     * Opens a ticket. Everything that can be checked is checked before a number is allocated, so a refused request
     * leaves no gap in the numbers.
     *
     * @param requesterId who the ticket is for; null means the caller, who must then be a registered person
     */
    @Transactional
    public Opened open(String title, String description, Priority priority, UserId requesterId, List<String> tags,
                       CommandOrigin origin) {
        String normalizedTitle = TicketRules.normalizeTitle(title);
        String normalizedDescription = TicketRules.normalizeDescription(description);
        List<FieldViolation> violations = TicketRules.openingViolations(normalizedTitle, normalizedDescription, tags);
        if (origin.ownTicketsOnly() && requesterId != null && !requesterId.toString().equals(origin.actor())) {
            throw new DocketException(ErrorCode.FORBIDDEN, "A requester opens tickets for themselves only.");
        }
        UserId requester = requesterId != null ? requesterId : callerAsPerson(origin);
        if (requester == null) {
            violations.add(new FieldViolation("requesterId", "is required when the caller is not a registered user"));
        }
        TextRules.requireNone(violations);
        PersonRules.requireActive(directory, requester, "requesterId");
        String number = numbers.next();
        OpenTicket command = new OpenTicket(Ids.newTicketId(), number, normalizedTitle, normalizedDescription,
                priority, requester, tags);
        TicketChange change = send(command, origin);
        return new Opened(change, number);
    }

    @Transactional
    public TicketChange edit(TicketId id, Long expectedVersion, String title, String description, CommandOrigin origin) {
        return send(new EditTicket(id, expectedVersion, title, description), origin);
    }

    @Transactional
    public TicketChange changePriority(TicketId id, Long expectedVersion, Priority priority, CommandOrigin origin) {
        return send(new ChangePriority(id, expectedVersion, priority), origin);
    }

    @Transactional
    public TicketChange assign(TicketId id, Long expectedVersion, UserId assigneeId, CommandOrigin origin) {
        return send(new AssignTicket(id, expectedVersion, assigneeId), origin);
    }

    @Transactional
    public TicketChange unassign(TicketId id, Long expectedVersion, CommandOrigin origin) {
        return send(new UnassignTicket(id, expectedVersion), origin);
    }

    @Transactional
    public TicketChange transferOwnership(TicketId id, Long expectedVersion, UserId requesterId, String reason,
                                          CommandOrigin origin) {
        return send(new TransferOwnership(id, expectedVersion, requesterId, reason), origin);
    }

    @Transactional
    public TicketChange changeStatus(TicketId id, Long expectedVersion, TicketStatus status, String reason,
                                     CommandOrigin origin) {
        return send(new ChangeStatus(id, expectedVersion, status, reason), origin);
    }

    /** A comment by the caller. */
    @Transactional
    public Commented comment(TicketId id, Long expectedVersion, CommentVisibility visibility, String body,
                             CommandOrigin origin) {
        CommentId commentId = Ids.newCommentId();
        TicketChange change = send(new AddComment(id, expectedVersion, commentId, origin.actor(), visibility, body,
                requesterOnly(origin)), origin);
        return new Commented(change, commentId);
    }

    @Transactional
    public TicketChange changeTags(TicketId id, Long expectedVersion, List<String> add, List<String> remove,
                                   CommandOrigin origin) {
        return send(new ChangeTags(id, expectedVersion, add, remove), origin);
    }

    @Transactional
    public TicketChange archive(TicketId id, Long expectedVersion, String reason, CommandOrigin origin) {
        return send(new ArchiveTicket(id, expectedVersion, reason), origin);
    }

    @Transactional
    public TicketChange restore(TicketId id, Long expectedVersion, String reason, CommandOrigin origin) {
        return send(new RestoreTicket(id, expectedVersion, reason), origin);
    }

    TicketChange send(Object command, CommandOrigin origin) {
        return dispatcher.send(command, origin, ErrorCode.TICKET_NOT_FOUND);
    }

    /**
     * For a requester, the person whose tickets alone they may act on: themselves. A requester whose subject is not
     * a person's id requested nothing, so every ticket answers as missing.
     */
    static UserId requesterOnly(CommandOrigin origin) {
        if (!origin.ownTicketsOnly()) {
            return null;
        }
        try {
            return UserId.parse(origin.actor());
        } catch (IllegalArgumentException notAPerson) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket with this id.");
        }
    }

    /** The caller as a person, when the actor is a registered user's id. */
    private UserId callerAsPerson(CommandOrigin origin) {
        try {
            UserId caller = UserId.parse(origin.actor());
            return directory.find(caller).isPresent() ? caller : null;
        } catch (IllegalArgumentException notAUserId) {
            return null;
        }
    }
}
