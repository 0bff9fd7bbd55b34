package dev.docket.support.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that exceeds the limit. An {@link IOException}, so it passes through
 * message converters unchanged in the cause chain.
 */
final class PayloadTooLargeException extends IOException {

    private final long limit;

    PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes", null);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
