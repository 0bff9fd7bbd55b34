package dev.docket.support.web;

import java.io.IOException;

/**
 * Thrown while reading a JSON request body whose bytes are not storable text ({@link StorableText}). An
 * {@link IOException}, so it passes through the JSON parser and message converters unchanged in the cause chain.
 */
final class MalformedBodyException extends IOException {

    MalformedBodyException(String fault) {
        super("The request body " + fault + ".", null);
    }
}
