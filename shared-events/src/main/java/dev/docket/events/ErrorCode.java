package dev.docket.events;

/**
 * Stable error codes of the Docket APIs. They appear as {@code code} in every RFC 9457 problem answer; clients
 * may branch on them. Codes are never renamed or reused; new ones are only added.
 */
public enum ErrorCode {
    /** A field or parameter has an invalid value; {@code errors} names each one. */
    VALIDATION_FAILED("Validation failed"),
    /** The body is not well-formed JSON or not of the expected shape. */
    MALFORMED_REQUEST("Malformed request"),
    /** The body is larger than the endpoint accepts. */
    PAYLOAD_TOO_LARGE("Payload too large"),
    /** The request's Content-Type is not one the endpoint accepts. */
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type"),
    /** None of the media types in Accept can be produced. */
    NOT_ACCEPTABLE("Not acceptable"),
    /** The endpoint exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED("Method not allowed"),
    /** No endpoint at this path. */
    NOT_FOUND("Not found"),
    /** No ticket with this id (or not yet visible to the read side). */
    TICKET_NOT_FOUND("Ticket not found"),
    /** A dependency (database, broker) is unavailable; retrying later may succeed. Nothing was changed. */
    SERVICE_UNAVAILABLE("Service unavailable"),
    /** An unexpected server fault. Nothing the client sent caused it; the correlation id locates it in the logs. */
    INTERNAL_ERROR("Internal error");

    private final String title;

    ErrorCode(String title) {
        this.title = title;
    }

    /** A short human summary, used as the problem's {@code title}. */
    public String title() {
        return title;
    }
}
