package dev.docket.query.ingest;

/** Another writer (a retry of parked events) changed a subject during the batch: the batch is retried, not parked. */
final class ConcurrentProjectionException extends RuntimeException {

    ConcurrentProjectionException(String message) {
        super(message);
    }
}
