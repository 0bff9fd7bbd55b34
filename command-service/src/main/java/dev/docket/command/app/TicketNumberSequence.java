package dev.docket.command.app;

import dev.docket.command.ticket.TicketNumbers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Allocates human ticket numbers ({@code TCK-000042}) from a PostgreSQL sequence on the command side. */
@Component
class TicketNumberSequence implements TicketNumbers {

    private final JdbcClient jdbc;

    TicketNumberSequence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String next() {
        long value = jdbc.sql("SELECT nextval('ticket_number_seq')").query(Long.class).single();
        return format(value);
    }

    static String format(long value) {
        return "TCK-%06d".formatted(value);
    }
}
