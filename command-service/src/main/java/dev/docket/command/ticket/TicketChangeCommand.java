package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.UserId;

/**
 * A command that changes an existing ticket. The ticket checks what they share before its handler decides (see
 * {@code Ticket}): a requester's command reaches only their own ticket, then the caller's version must be current.
 */
public sealed interface TicketChangeCommand
        permits AddAttachment, AddComment, ArchiveTicket, AssignTicket, ChangePriority, ChangeStatus, ChangeTags,
        EditTicket, RestoreTicket, TransferOwnership, UnassignTicket {

    TicketId ticketId();

    /** The version the caller last saw ({@code If-Match}); null applies the change to the latest. */
    Long expectedVersion();

    /**
     * Set when the caller is a requester acting for themselves: then only their own ticket takes the command, and any
     * other answers as missing. Null for those who work tickets.
     */
    default UserId requesterOnly() {
        return null;
    }
}
