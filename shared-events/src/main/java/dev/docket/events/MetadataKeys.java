package dev.docket.events;

/**
 * Keys of the metadata stored with every event: who caused it and why. The actor is the authenticated caller,
 * never a value from a request body.
 */
public final class MetadataKeys {

    /** Who issued the command that produced the event. */
    public static final String ACTOR = "actor";
    /** Shared by every message that belongs to one client request or workflow. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message (the command) that directly caused this event. */
    public static final String CAUSATION_ID = "causationId";
    /** The W3C trace context of the request that caused the event, when it had one. */
    public static final String TRACEPARENT = "traceparent";
    /** Vendor trace state that travels with {@link #TRACEPARENT}. */
    public static final String TRACESTATE = "tracestate";
    /**
     * Prefix of the keys naming who wrote a personal text field of the event ({@code writer.title}): the person
     * whose key seals it. A ticket's edit that changes only its title keeps the description under its writer's key.
     */
    public static final String WRITER_PREFIX = "writer.";

    private MetadataKeys() {
    }
}
