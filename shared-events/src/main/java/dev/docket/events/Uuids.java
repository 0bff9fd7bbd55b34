package dev.docket.events;

import java.util.UUID;

/** The one parser behind every typed id: canonical UUID text only. */
final class Uuids {

    private Uuids() {
    }

    /**
     * Parses the canonical 36-character UUID form only. {@link UUID#fromString(String)} alone also accepts
     * shortened forms such as {@code 1-1-1-1-1}, which would make two spellings name one thing.
     *
     * @throws IllegalArgumentException when {@code text} is not a canonical UUID
     */
    static UUID parseCanonical(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return uuid;
    }
}
