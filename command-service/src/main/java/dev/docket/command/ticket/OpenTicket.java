package dev.docket.command.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;

import java.util.List;

/**
 * Open a new ticket for a requester. The id and the human number are allocated before the command is sent.
 */
public record OpenTicket(TicketId ticketId, String number, String title, String description, Priority priority,
                         UserId requesterId, List<String> tags) {
}
