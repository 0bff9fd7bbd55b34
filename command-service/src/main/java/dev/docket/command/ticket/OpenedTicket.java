package dev.docket.command.ticket;

/** What opening a ticket answers: the change (id, version 1) and the number the ticket was given. */
public record OpenedTicket(TicketChange change, String number) {
}
