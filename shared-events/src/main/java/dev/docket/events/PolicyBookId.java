package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * Identity of the book of service-level policies. On the wire and in the event store it is the canonical lower-case UUID text.
 */
public record PolicyBookId(UUID value) {

    /** The one book a Docket installation has: every ticket is under its first matching policy. */
    public static final PolicyBookId DEFAULT = new PolicyBookId(UUID.fromString("00000000-0000-4000-8000-000000005a1a"));

    public PolicyBookId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when {@code text} is not a canonical UUID */
    @JsonCreator
    public static PolicyBookId parse(String text) {
        return new PolicyBookId(Uuids.parseCanonical(text));
    }

    /** The canonical text form; Axon also uses it as the aggregate identifier in the event store. */
    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
