package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of a business calendar. On the wire and in the event store it is the canonical lower-case UUID text.
 */
public record CalendarId(UUID value) {

    public CalendarId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when {@code text} is not a canonical UUID */
    @JsonCreator
    public static CalendarId parse(String text) {
        return new CalendarId(Uuids.parseCanonical(text));
    }

    /** The canonical text form; Axon also uses it as the aggregate identifier in the event store. */
    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
