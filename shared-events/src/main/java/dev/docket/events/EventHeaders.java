package dev.docket.events;

/**
 * Kafka record headers of {@code docket.ticket-events}. Records use the CloudEvents 1.0 Kafka protocol binding in
 * binary mode: the record value is the event's JSON {@code data}, the key is the subject (ticket or user id), and the attributes
 * travel as {@code ce_}-prefixed headers with UTF-8 values.
 */
public final class EventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    /** The event id: the deduplication key for at-least-once delivery. */
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    /** The versioned public type, see {@link EventTypes}. */
    public static final String TYPE = "ce_type";
    /** The id of the ticket (or, for people events, the user) the event is about; also the record key. */
    public static final String SUBJECT = "ce_subject";
    /** When the event was recorded, RFC 3339. */
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    /** The JSON Schema of the data: {@code urn:docket:schema:<type>}, see {@link EventTypes#schemaOf(String)}. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /**
     * The subject's version after this event: 1 for the event that opened the ticket (or registered the user), then
     * +1 per event, without gaps.
     */
    public static final String SUBJECT_VERSION = "ce_subjectversion";
    /** The event's global position in the event store: increasing, not gap-free. */
    public static final String POSITION = "ce_position";
    public static final String ACTOR = "ce_actor";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";

    /**
     * W3C trace context of the request that caused the event (a native Kafka header, as OpenTelemetry's messaging
     * instrumentation reads it); absent when the request carried none and tracing was off.
     */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private EventHeaders() {
    }
}
