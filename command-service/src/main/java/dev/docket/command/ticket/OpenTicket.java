package dev.docket.command.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;

import java.util.List;

/**
 * Open a new ticket for a requester. The id is allocated before the command is sent; the human number by the ticket,
 * once the opening passed every rule.
 */
public record OpenTicket(TicketId ticketId, String title, String description, Priority priority, UserId requesterId,
                         List<String> tags) {
}
