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
    /** No person with this id. */
    USER_NOT_FOUND("User not found"),
    /** No business calendar with this id. */
    CALENDAR_NOT_FOUND("Calendar not found"),
    /** No attachment with this id on this ticket. */
    ATTACHMENT_NOT_FOUND("Attachment not found"),
    /** No data key with this id. */
    DATA_KEY_NOT_FOUND("Data key not found"),
    /** No saved view with this id among the caller's own (another person's views answer this too). */
    VIEW_NOT_FOUND("Saved view not found"),
    /** The data key was destroyed by an erasure: what it sealed is unreadable for good. Forget the person. */
    DATA_KEY_ERASED("Data key erased"),
    /** The person was erased: their profile accepts no change, and they cannot act again. */
    USER_ERASED("User erased"),
    /** The requested status cannot follow the current one; {@code currentStatus}, {@code requestedStatus} and
     * {@code allowedStatuses} say which moves exist. */
    INVALID_TRANSITION("Invalid status transition"),
    /** The ticket is closed: it is final and refuses every change except archiving. */
    TICKET_CLOSED("Ticket closed"),
    /** The ticket is archived and refuses every change except being restored. */
    TICKET_ARCHIVED("Ticket archived"),
    /** Restore was asked for a ticket that is not archived. */
    TICKET_NOT_ARCHIVED("Ticket not archived"),
    /** The person is already deactivated. */
    USER_DEACTIVATED("User deactivated"),
    /** Another person is already registered with this email. */
    EMAIL_TAKEN("Email already registered"),
    /** The caller has a saved view of this name already. */
    VIEW_NAME_TAKEN("View name taken"),
    /** The caller has as many saved views as a person may keep; remove one first. */
    TOO_MANY_VIEWS("Too many saved views"),
    /** The change raced with other changes to the same ticket too often; nothing was changed. Retry it. */
    CONCURRENT_MODIFICATION("Concurrent modification"),
    /** {@code If-Match} named a version that is no longer current; {@code currentVersion} (and the ETag) give the
     * current one. Nothing was changed. */
    VERSION_MISMATCH("Version mismatch"),
    /** The body names a person who does not exist. */
    UNKNOWN_USER("Unknown user"),
    /** The body names a business calendar that does not exist ({@code field} says where). */
    UNKNOWN_CALENDAR("Unknown calendar"),
    /** The body names a person who is deactivated. */
    USER_INACTIVE("User inactive"),
    /** The named assignee is not an agent or admin. */
    NOT_AN_AGENT("Not an agent"),
    /** The Idempotency-Key was already used with a different request. */
    IDEMPOTENCY_KEY_REUSED("Idempotency key reused"),
    /** The search filter expression cannot be parsed or names an unknown field or value; {@code position} (1-based)
     * says where. */
    INVALID_FILTER("Invalid filter"),
    /** The read model has not yet reached the version the request asked for ({@code minVersion} or
     * {@code consistentWith}) within the wait the service allows; nothing stale was answered. Retry shortly. */
    READ_MODEL_BEHIND("Read model behind"),
    /** A rebuild of the read models is already running. */
    REBUILD_IN_PROGRESS("Rebuild in progress"),
    /** The request carries no bearer token, or one that is invalid or expired. */
    UNAUTHENTICATED("Unauthenticated"),
    /** The caller's roles do not allow this operation. (What the caller may not even see answers 404 instead.) */
    FORBIDDEN("Forbidden"),
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
