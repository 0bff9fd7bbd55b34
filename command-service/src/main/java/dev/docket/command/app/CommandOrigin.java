package dev.docket.command.app;

import java.util.Objects;

/**
 * Who sent a command and which request or workflow it belongs to. Both end up in the metadata of every event the
 * command causes.
 *
 * @param actor          the authenticated caller: the bearer token's subject
 * @param correlationId  the request's correlation id
 * @param ownTicketsOnly the caller is a requester, who acts only on tickets they requested
 */
public record CommandOrigin(String actor, String correlationId, boolean ownTicketsOnly) {

    public CommandOrigin {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A caller who works tickets (or a system acting with their rights). */
    public CommandOrigin(String actor, String correlationId) {
        this(actor, correlationId, false);
    }
}
