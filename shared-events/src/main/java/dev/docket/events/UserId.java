package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identity of a person: requester, agent or admin. Axon uses its text as the aggregate identifier; canonical lower-case UUID text on the wire. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when {@code text} is not a canonical UUID */
    @JsonCreator
    public static UserId parse(String text) {
        return new UserId(Uuids.parseCanonical(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
