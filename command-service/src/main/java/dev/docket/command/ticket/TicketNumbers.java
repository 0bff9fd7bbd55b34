package dev.docket.command.ticket;

/**
 * Allocates the human number of a new ticket ({@code TCK-000042}). The ticket asks for one only after every opening
 * rule passed, so a refused opening spends no number. Command handlers receive it as a parameter.
 */
public interface TicketNumbers {

    String next();
}
