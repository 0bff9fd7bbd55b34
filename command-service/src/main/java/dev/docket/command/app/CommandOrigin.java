package dev.docket.command.app;

import java.util.Objects;

/**
 * Who sent a command and which request or workflow it belongs to. Both end up in the metadata of every event the
 * command causes.
 *
 * @param actor         the caller; until authentication arrives, the {@code X-Actor} header or {@code anonymous}
 * @param correlationId the request's correlation id
 */
public record CommandOrigin(String actor, String correlationId) {

    public CommandOrigin {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
