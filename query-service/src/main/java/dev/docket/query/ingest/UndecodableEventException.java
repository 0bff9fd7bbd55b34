package dev.docket.query.ingest;

/** A record that does not follow the event contract this service knows. It is retried, never skipped. */
final class UndecodableEventException extends RuntimeException {

    UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
