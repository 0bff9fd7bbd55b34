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
    private static final Map<String, EventType> ANNOTATION_BY_CLASS_NAME;

    static {
        Map<String, Class<? extends DocketEvent>> byType = new LinkedHashMap<>();
        Map<String, String> byClassName = new LinkedHashMap<>();
        Map<String, EventType> annotations = new LinkedHashMap<>();
        for (Class<?> family : DocketEvent.class.getPermittedSubclasses()) {
            for (Class<?> permitted : family.getPermittedSubclasses()) {
                EventType annotation = permitted.getAnnotation(EventType.class);
                if (annotation == null) {
                    throw new IllegalStateException(permitted.getName() + " lacks @" + EventType.class.getSimpleName());
                }
                String type = annotation.name() + ".v" + annotation.version();
                for (int earlier : annotation.earlier()) {
                    if (byType.put(annotation.name() + ".v" + earlier, permitted.asSubclass(DocketEvent.class)) != null) {
                        throw new IllegalStateException("two events share the type " + annotation.name() + ".v" + earlier);
                    }
                }
                if (byType.put(type, permitted.asSubclass(DocketEvent.class)) != null) {
                    throw new IllegalStateException("two events share the type " + type);
                }
                byClassName.put(permitted.getName(), type);
                annotations.put(permitted.getName(), annotation);
            }
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        TYPE_BY_CLASS_NAME = Collections.unmodifiableMap(byClassName);
        ANNOTATION_BY_CLASS_NAME = Collections.unmodifiableMap(annotations);
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

    /**
     * The public type of an event stored under a Java class name and Axon revision: the current version, or an
     * earlier one the record still reads ({@link EventType#earlier()}); empty for anything else.
     */
    public static Optional<String> typeOfStored(String className, String revision) {
        EventType annotation = ANNOTATION_BY_CLASS_NAME.get(className);
        if (annotation == null || revision == null) {
            return Optional.empty();
        }
        if (revision.equals(String.valueOf(annotation.version()))) {
            return Optional.of(annotation.name() + ".v" + annotation.version());
        }
        for (int earlier : annotation.earlier()) {
            if (revision.equals(String.valueOf(earlier))) {
                return Optional.of(annotation.name() + ".v" + earlier);
            }
        }
        return Optional.empty();
    }

    /** The record class for a public type (current or earlier version), if this version of the contract knows it. */
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

    /** Every known public type (earlier versions before the current one), in declaration order of the sealed interfaces. */
    public static Iterable<String> all() {
        return BY_TYPE.keySet();
    }
}
