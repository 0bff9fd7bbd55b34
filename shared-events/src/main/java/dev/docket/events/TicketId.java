package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a ticket. On the wire and in the event store it is the canonical lower-case UUID text.
 */
public record TicketId(UUID value) {

    public TicketId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses the canonical 36-character UUID form only. {@link UUID#fromString(String)} alone also accepts
     * shortened forms such as {@code 1-1-1-1-1}, which would make two spellings name one ticket.
     *
     * @throws IllegalArgumentException when {@code text} is not a canonical UUID
     */
    @JsonCreator
    public static TicketId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return new TicketId(uuid);
    }

    /** The canonical text form; Axon also uses it as the aggregate identifier in the event store. */
    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
