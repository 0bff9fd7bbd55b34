package dev.docket.events;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps each {@link DocketEvent} record to its public type name and back. Built from the sealed interfaces, so a new
 * event record is registered by being permitted there and annotated with {@link EventType}.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends DocketEvent>> BY_TYPE;
    private static final Map<String, String> TYPE_BY_CLASS_NAME;

    static {
        Map<String, Class<? extends DocketEvent>> byType = new LinkedHashMap<>();
        Map<String, String> byClassName = new LinkedHashMap<>();
        for (Class<?> family : DocketEvent.class.getPermittedSubclasses()) {
            for (Class<?> permitted : family.getPermittedSubclasses()) {
                EventType annotation = permitted.getAnnotation(EventType.class);
                if (annotation == null) {
                    throw new IllegalStateException(permitted.getName() + " lacks @" + EventType.class.getSimpleName());
                }
                String type = annotation.name() + ".v" + annotation.version();
                if (byType.put(type, permitted.asSubclass(DocketEvent.class)) != null) {
                    throw new IllegalStateException("two events share the type " + type);
                }
                byClassName.put(permitted.getName(), type);
            }
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        TYPE_BY_CLASS_NAME = Collections.unmodifiableMap(byClassName);
    }

    private EventTypes() {
    }

    /** The public type of an event class, for example {@code dev.docket.ticket.opened.v1}. */
    public static String typeOf(Class<? extends DocketEvent> eventClass) {
        String type = TYPE_BY_CLASS_NAME.get(eventClass.getName());
        if (type == null) {
            throw new IllegalArgumentException("not a Docket event: " + eventClass.getName());
        }
        return type;
    }

    /** The public type for a stored Java class name (as Axon records it), if it is a Docket event. */
    public static Optional<String> typeOfClassName(String className) {
        return Optional.ofNullable(TYPE_BY_CLASS_NAME.get(className));
    }

    /** The record class for a public type, if this version of the contract knows it. */
    public static Optional<Class<? extends DocketEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /**
     * The identifier of a type's JSON Schema, {@code urn:docket:schema:<type>}: the {@code dataschema} attribute of
     * its records. An identifier, never fetched: the schema is the classpath resource {@link #schemaResource}.
     */
    public static URI schemaOf(String type) {
        return URI.create("urn:docket:schema:" + type);
    }

    /** Where this module holds a type's JSON Schema on the classpath. */
    public static String schemaResource(String type) {
        return "dev/docket/events/schemas/" + type + ".json";
    }

    /** Every known public type, in declaration order of the sealed interfaces. */
    public static Iterable<String> all() {
        return BY_TYPE.keySet();
    }
}
