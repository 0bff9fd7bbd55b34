package dev.docket.support.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the schema of every record exactly what the record is on the wire, from the record itself: a component
 * marked {@link Nullable} may be null (its schema also admits {@code null}) and may be left out of a request; one
 * left out of an answer when null ({@code @JsonInclude(NON_NULL)}) is optional; every other component is required
 * and never null. And a {@code JsonNode} is any JSON value, not a Jackson bean with boolean properties.
 */
final class RecordSchemas implements ModelConverter {

    private static final String JSON_NODE = "tools.jackson.databind.JsonNode";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (isJsonNode(raw)) {
            return new JsonSchema();
        }
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (schema == null || !raw.isRecord()) {
            return schema;
        }
        Schema<?> model = schema.get$ref() == null ? schema
                : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        if (model != null && model.getProperties() != null) {
            exact(raw, model);
        }
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void exact(Class<?> record, Schema<?> model) {
        Set<String> required = new LinkedHashSet<>(model.getRequired() == null ? List.of() : model.getRequired());
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            Schema property = model.getProperties().get(name);
            if (property == null) {
                continue;
            }
            JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
            if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                required.remove(name);
                model.getProperties().put(name, orNull(property));
            } else if (include == null || include.value() == JsonInclude.Include.ALWAYS) {
                required.add(name);
            }
        }
        model.setRequired(new ArrayList<>(required));
    }

    /** The property's schema, admitting null as well. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> orNull(Schema property) {
        if (property.get$ref() != null || property.getTypes() == null && property.getType() == null) {
            return new JsonSchema().anyOf(List.of(property, new JsonSchema().types(Set.of("null"))))
                    .description(property.getDescription());
        }
        Set<String> types = new LinkedHashSet<>(property.getTypes() != null ? property.getTypes()
                : Set.of(property.getType()));
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    private static boolean isJsonNode(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(JSON_NODE)) {
                return true;
            }
        }
        return false;
    }
}
