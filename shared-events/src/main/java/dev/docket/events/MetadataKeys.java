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

    private MetadataKeys() {
    }
}
