package dev.docket.command.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketId;

/**
 * Open a new ticket. The id and the human number are allocated before the command is sent.
 */
public record OpenTicket(TicketId ticketId, String number, String title, String description, Priority priority) {
}
