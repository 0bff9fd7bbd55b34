package dev.docket.command.privacy;

import dev.docket.events.ErrorCode;
import dev.docket.events.MetadataKeys;
import dev.docket.events.privacy.PersonalData;
import dev.docket.events.privacy.SealedText;
import dev.docket.support.errors.DocketException;
import dev.docket.support.privacy.SealedFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Seals the personal fields of an event's JSON payload as it is appended, and opens them as it is read: an event's
 * payload is stored (and hashed into the audit chain) only in sealed form. A field whose key was destroyed opens as
 * {@link SealedText#ERASED}; a clear value (an event stored before sealing) is read as it is.
 */
public final class PersonalTexts {

    private static final byte[] SEALED_PREFIX = SealedText.PREFIX.getBytes(StandardCharsets.UTF_8);

    private final PersonKeys keys;
    private final JsonMapper json;

    public PersonalTexts(PersonKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /**
     * The payload with its personal fields sealed under their owner's key (made on the connection if the owner has
     * none yet): the writer the metadata names for the field ({@link MetadataKeys#WRITER_PREFIX}), else the owner
     * {@link PersonalData} names. The same bytes for an event without personal fields.
     */
    public byte[] seal(Connection connection, String payloadType, byte[] payload, Map<String, ?> metaData)
            throws SQLException {
        Optional<PersonalData> personal = PersonalData.ofClassName(payloadType);
        if (personal.isEmpty()) {
            return payload;
        }
        ObjectNode node = (ObjectNode) json.readTree(payload);
        String owner = owner(personal.get(), node, metaData, payloadType);
        Map<String, PersonKeys.DataKey> keysByPerson = new HashMap<>();
        for (String field : personal.get().fields()) {
            JsonNode value = node.get(field);
            // always sealed, also a text that merely looks sealed: what a person writes is never taken for a
            // sealed value (it would be stored clear, and fail to open for every reader)
            if (value != null && value.isString()) {
                Object writer = metaData.get(MetadataKeys.WRITER_PREFIX + field);
                String person = writer == null ? owner : writer.toString();
                PersonKeys.DataKey key = keyOf(connection, person, keysByPerson);
                if (key == null) {
                    // the writer was erased: the text is the placeholder, sealed under the owner's key
                    key = keyOf(connection, owner, keysByPerson);
                }
                if (key == null) {
                    throw new DocketException(ErrorCode.USER_ERASED, "The person was erased: nothing new is "
                            + "recorded as theirs.");
                }
                node.put(field, SealedText.seal(key.key(), key.id(), field, value.asString()));
            }
        }
        return json.writeValueAsBytes(node);
    }

    private PersonKeys.DataKey keyOf(Connection connection, String person, Map<String, PersonKeys.DataKey> known)
            throws SQLException {
        if (!known.containsKey(person)) {
            known.put(person, keys.forPerson(connection, person).orElse(null));
        }
        return known.get(person);
    }

    /** The payload with its personal fields opened; the same bytes for an event without personal fields. */
    public byte[] open(String payloadType, byte[] payload) {
        if (PersonalData.ofClassName(payloadType).isEmpty() || !holdsSealed(payload)) {
            return payload;
        }
        return json.writeValueAsBytes(open(payloadType, json.readTree(payload)));
    }

    /** The payload tree with its personal fields opened in place. */
    public JsonNode open(String payloadType, JsonNode payload) {
        Optional<PersonalData> personal = PersonalData.ofClassName(payloadType);
        if (personal.isPresent() && payload instanceof ObjectNode node) {
            SealedFields.open(personal.get(), node, keys::byId);
        }
        return payload;
    }

    /** Whether the bytes hold a sealed value's prefix: most events read without a JSON parse. */
    private static boolean holdsSealed(byte[] payload) {
        byte[] prefix = SEALED_PREFIX;
        outer:
        for (int i = 0; i <= payload.length - prefix.length; i++) {
            for (int j = 0; j < prefix.length; j++) {
                if (payload[i + j] != prefix[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String owner(PersonalData personal, ObjectNode node, Map<String, ?> metaData, String payloadType) {
        Object owner = switch (personal.owner()) {
            case ACTOR -> metaData.get(MetadataKeys.ACTOR);
            case SUBJECT_USER -> {
                JsonNode user = node.get(PersonalData.SUBJECT_USER_FIELD);
                yield user == null || user.isNull() ? null : user.asString();
            }
        };
        if (owner == null || owner.toString().isBlank()) {
            throw new IllegalStateException("a " + payloadType + " without an owner for its personal data: "
                    + "every such event carries its actor and person");
        }
        return owner.toString();
    }
}
