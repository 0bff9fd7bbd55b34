package dev.docket.events;

/**
 * Everything that can happen to a ticket. Sealed: a switch over it must handle every event.
 */
public sealed interface TicketEvent permits TicketOpened {

    TicketId ticketId();
}
