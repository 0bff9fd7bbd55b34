package dev.docket.command.ticket;

import dev.docket.events.TicketId;

/**
 * What every accepted ticket command answers: the ticket and its version after the change. The version counts the
 * ticket's events: 1 after opening, +1 per event. Reads accept it as a minimum (read your own writes) and it is the
 * ticket's ETag.
 */
public record TicketChange(TicketId ticketId, long version) {
}
