package dev.docket.support.privacy;

import dev.docket.events.privacy.PersonalData;
import dev.docket.events.privacy.SealedText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The sealed personal fields of an event payload as a JSON tree. */
public final class SealedFields {

    private SealedFields() {
    }

    /** The data key ids the payload's sealed personal fields name. */
    public static Set<UUID> keyIds(PersonalData personal, JsonNode payload) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String field : personal.fields()) {
            JsonNode value = payload.get(field);
            if (value != null && value.isString()) {
                SealedText.keyIdOf(value.asString()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /**
     * Opens the payload's sealed personal fields in place: with the key {@code keys} gives for each, or as
     * {@link SealedText#ERASED} where it gives none (the key was destroyed). Clear values stay as they are.
     *
     * @return the key id of each field that was sealed, by field name
     * @throws IllegalArgumentException when a sealed value does not open under its key (altered)
     */
    public static Map<String, UUID> open(PersonalData personal, ObjectNode payload,
                                         Function<UUID, Optional<SecretKey>> keys) {
        Map<String, UUID> opened = new LinkedHashMap<>();
        for (String field : personal.fields()) {
            JsonNode value = payload.get(field);
            if (value == null || !value.isString()) {
                continue;
            }
            String sealed = value.asString();
            Optional<UUID> keyId = SealedText.keyIdOf(sealed);
            if (keyId.isEmpty()) {
                if (SealedText.isSealed(sealed)) {
                    throw new IllegalArgumentException("a malformed sealed value in " + field);
                }
                continue;
            }
            payload.put(field, keys.apply(keyId.get()).map(key -> SealedText.open(key, field, sealed))
                    .orElse(SealedText.ERASED));
            opened.put(field, keyId.get());
        }
        return opened;
    }
}
