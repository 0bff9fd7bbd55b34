package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.docket.events.privacy.PersonalData;
import dev.docket.events.privacy.SealedText;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas are the published contract. They must describe the records exactly (names, JSON types, enum
 * values), every event must validate against its schema, and a published schema never changes: changing an event's
 * data without a new type version fails here.
 */
class EventSchemaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void everyTypeHasASchemaIdentifiedByItsDataschemaUri() throws IOException {
        for (String type : EventTypes.all()) {
            JsonNode schema = schemaFile(type);
            assertThat(schema.get("$id").asString()).as(type).isEqualTo(EventTypes.schemaOf(type).toString());
            assertThat(schema.get("title").asString()).as(type).isEqualTo(type);
            assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(type).isFalse();
        }
    }

    /**
     * Each sample as published (its personal fields sealed) validates against its type's schema; as an earlier
     * version carried it (clear), against that version's; and the current version refuses clear personal data.
     */
    @Test
    void everyEventValidatesAgainstItsSchema() throws IOException {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        UUID keyId = UUID.randomUUID();
        for (DocketEvent event : EventContractTest.samples()) {
            String type = EventTypes.typeOf(event.getClass());
            ObjectNode published = (ObjectNode) JSON.readTree(JSON.writeValueAsString(event));
            Optional<PersonalData> personal = PersonalData.of(event.getClass());
            personal.ifPresent(p -> p.fields().forEach(field ->
                    published.put(field, SealedText.seal(key, keyId, field, published.get(field).asString()))));
            assertThat(validate(type, published.toString())).as(type).isEmpty();
            for (int earlier : event.getClass().getAnnotation(EventType.class).earlier()) {
                String earlierType = type.replaceFirst("\\.v\\d+$", ".v" + earlier);
                assertThat(validate(earlierType, JSON.writeValueAsString(event))).as(earlierType).isEmpty();
            }
            if (personal.isPresent()) {
                assertThat(validate(type, JSON.writeValueAsString(event))).as(type + " clear").isNotEmpty();
            }
        }
    }

    @Test
    void theSchemasRefuseDataThatBreaksTheContract() throws IOException {
        String type = "dev.docket.ticket.assigned.v1";
        ObjectNode valid = (ObjectNode) JSON.readTree(JSON.writeValueAsString(EventContractTest.samples().stream()
                .filter(e -> e instanceof TicketAssigned).findFirst().orElseThrow()));
        assertThat(validate(type, valid.toString())).isEmpty();

        assertThat(validate(type, valid.deepCopy().put("assignee", "x").toString())).isNotEmpty();
        ObjectNode missing = valid.deepCopy();
        missing.remove("assigneeId");
        assertThat(validate(type, missing.toString())).isNotEmpty();
        assertThat(validate(type, valid.deepCopy().put("assigneeId", "not-a-uuid").toString())).isNotEmpty();
        assertThat(validate(type, valid.deepCopy().putNull("previousAssigneeId").toString())).isEmpty();
        assertThat(validate("dev.docket.ticket.priority-changed.v1",
                "{\"ticketId\":\"0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f\",\"from\":\"low\",\"to\":\"critical\"}"))
                .isNotEmpty();
    }

    /** Field names, JSON types and enum values of each record, exactly as its schema declares them. */
    @Test
    void theSchemasDescribeTheRecordsExactly() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (String type : EventTypes.all()) {
            Class<? extends DocketEvent> record = EventTypes.classOf(type).orElseThrow();
            JsonNode schema = schemaFile(type);
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            schema.get("properties").properties().forEach(p -> properties.put(p.getKey(), p.getValue()));
            Set<String> required = new LinkedHashSet<>();
            schema.get("required").forEach(r -> required.add(r.asString()));
            Set<String> fields = new LinkedHashSet<>();
            for (RecordComponent component : record.getRecordComponents()) {
                String name = component.getAccessor().getAnnotation(JsonProperty.class).value();
                fields.add(name);
                JsonNode property = properties.get(name);
                if (property == null) {
                    mismatches.add(type + ": field " + name + " is not in the schema");
                    continue;
                }
                String problem = typeMismatch(component.getGenericType(), property);
                if (problem != null) {
                    mismatches.add(type + ": field " + name + " " + problem);
                }
            }
            if (!fields.equals(properties.keySet())) {
                mismatches.add(type + ": the schema has " + properties.keySet() + ", the record " + fields);
            }
            if (!required.equals(fields)) {
                mismatches.add(type + ": every field is always present (null where allowed), so all are required");
            }
        }
        assertThat(mismatches)
                .as("An event's data changed: publish it as a new type version (a new record revision, a new schema "
                        + "file and an upcaster), never by editing a published schema")
                .isEmpty();
    }

    @Test
    void aPublishedSchemaNeverChangesAndEveryTypeIsPublished() throws Exception {
        Map<String, String> published = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/published-schemas.sha256")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split("\\s+");
                    published.put(parts[1], parts[0]);
                }
            }
        }
        for (String type : EventTypes.all()) {
            assertThat(published).as("%s is published", type).containsKey(type + ".json");
        }
        for (Map.Entry<String, String> entry : published.entrySet()) {
            String type = entry.getKey().replaceFirst("\\.json$", "");
            assertThat(sha256(schemaBytes(type)))
                    .as("%s was published and must never change: a change to an event's data is a new type version",
                            type)
                    .isEqualTo(entry.getValue());
        }
    }

    private static String typeMismatch(Type javaType, JsonNode property) {
        Set<String> jsonTypes = new LinkedHashSet<>();
        if (property.get("type").isArray()) {
            property.get("type").forEach(t -> jsonTypes.add(t.asString()));
        } else {
            jsonTypes.add(property.get("type").asString());
        }
        jsonTypes.remove("null");
        String expected;
        if (javaType instanceof ParameterizedType list && list.getRawType() == List.class
                && !(list.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord())) {
            expected = "array";
            if (!"string".equals(property.path("items").path("type").asString())
                    || list.getActualTypeArguments()[0] != String.class) {
                return "must be an array of strings";
            }
        } else if (javaType == String.class) {
            expected = "string";
        } else if (javaType == long.class || javaType == int.class || javaType == Long.class) {
            expected = "integer";
        } else if (javaType == boolean.class) {
            expected = "boolean";
        } else if (javaType == java.time.Instant.class) {
            expected = "string";
            if (!"date-time".equals(property.path("format").asString())) {
                return "is an instant: the schema must say format date-time";
            }
        } else if (javaType instanceof Class<?> c && c.isEnum()) {
            expected = "string";
            Set<String> values = new LinkedHashSet<>();
            for (Object constant : c.getEnumConstants()) {
                try {
                    values.add(c.getField(((Enum<?>) constant).name()).getAnnotation(JsonProperty.class).value());
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            Set<String> declared = new LinkedHashSet<>();
            property.get("enum").forEach(v -> declared.add(v.asString()));
            if (!values.equals(declared)) {
                return "has the values " + values + ", the schema " + declared;
            }
        } else if (javaType == java.util.UUID.class || javaType instanceof Class<?> c && c.isRecord()
                && c.getRecordComponents().length == 1 && c.getRecordComponents()[0].getType() == java.util.UUID.class) {
            expected = "string";
            if (!"uuid".equals(property.path("format").asString())) {
                return "is an id: the schema must say format uuid";
            }
        } else if (javaType instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
            expected = "array";
            String problem = recordMismatch(item, property.path("items"));
            if (problem != null) {
                return "has items that " + problem;
            }
        } else if (javaType instanceof Class<?> c && c.isRecord()) {
            expected = "object";
            String problem = recordMismatch(c, property);
            if (problem != null) {
                return problem;
            }
        } else {
            return "has a Java type the schema check does not know: " + javaType;
        }
        return jsonTypes.equals(Set.of(expected)) ? null : "is " + expected + ", the schema says " + jsonTypes;
    }

    /** A nested record against its object schema: the same field names, each required, nothing else allowed. */
    private static String recordMismatch(Class<?> record, JsonNode schema) {
        if (!"object".equals(schema.path("type").asString())) {
            return "is a record: the schema must say object";
        }
        Set<String> fields = new LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.add(component.getAccessor().getAnnotation(JsonProperty.class).value());
        }
        Set<String> declared = new LinkedHashSet<>();
        schema.path("properties").properties().forEach(p -> declared.add(p.getKey()));
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        if (!fields.equals(declared) || !required.equals(fields) || schema.path("additionalProperties").asBoolean(true)) {
            return "has the fields " + fields + ", the schema " + declared + " (required " + required
                    + ", additional properties allowed unless false)";
        }
        return null;
    }

    private static Set<ValidationMessage> validate(String type, String data) throws IOException {
        JsonSchema schema = SCHEMAS.getSchema(new String(schemaBytes(type), StandardCharsets.UTF_8), InputFormat.JSON);
        return schema.validate(data, InputFormat.JSON);
    }

    private static JsonNode schemaFile(String type) throws IOException {
        return JSON.readTree(schemaBytes(type));
    }

    private static byte[] schemaBytes(String type) throws IOException {
        try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(EventTypes.schemaResource(type))) {
            assertThat(in).as("schema of %s at %s", type, EventTypes.schemaResource(type)).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
