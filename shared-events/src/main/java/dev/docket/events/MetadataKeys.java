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

    private MetadataKeys() {
    }
}
