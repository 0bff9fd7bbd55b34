package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identity of an attachment of a ticket, unique across tickets; canonical lower-case UUID text on the wire. */
public record AttachmentId(UUID value) {

    public AttachmentId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException when {@code text} is not a canonical UUID */
    @JsonCreator
    public static AttachmentId parse(String text) {
        return new AttachmentId(Uuids.parseCanonical(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
