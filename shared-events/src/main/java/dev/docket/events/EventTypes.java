package dev.docket.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps each {@link TicketEvent} record to its public type name and back. Built from the sealed interface, so a new
 * event record is registered by being permitted there and annotated with {@link EventType}.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends TicketEvent>> BY_TYPE;
    private static final Map<String, String> TYPE_BY_CLASS_NAME;

    static {
        Map<String, Class<? extends TicketEvent>> byType = new LinkedHashMap<>();
        Map<String, String> byClassName = new LinkedHashMap<>();
        for (Class<?> permitted : TicketEvent.class.getPermittedSubclasses()) {
            EventType annotation = permitted.getAnnotation(EventType.class);
            if (annotation == null) {
                throw new IllegalStateException(permitted.getName() + " lacks @" + EventType.class.getSimpleName());
            }
            String type = annotation.name() + ".v" + annotation.version();
            byType.put(type, permitted.asSubclass(TicketEvent.class));
            byClassName.put(permitted.getName(), type);
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        TYPE_BY_CLASS_NAME = Collections.unmodifiableMap(byClassName);
    }

    private EventTypes() {
    }

    /** The public type of an event class, for example {@code dev.docket.ticket.opened.v1}. */
    public static String typeOf(Class<? extends TicketEvent> eventClass) {
        String type = TYPE_BY_CLASS_NAME.get(eventClass.getName());
        if (type == null) {
            throw new IllegalArgumentException("not a ticket event: " + eventClass.getName());
        }
        return type;
    }

    /** The public type for a stored Java class name (as Axon records it), if it is a ticket event. */
    public static Optional<String> typeOfClassName(String className) {
        return Optional.ofNullable(TYPE_BY_CLASS_NAME.get(className));
    }

    /** The record class for a public type, if this version of the contract knows it. */
    public static Optional<Class<? extends TicketEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** Every known public type, in declaration order of the sealed interface. */
    public static Iterable<String> all() {
        return BY_TYPE.keySet();
    }
}
