package dev.docket.query.api;

import dev.docket.support.errors.DocketException;


/** Parameters every read of the query API reads the same way. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The page size: {@code fallback} when absent.
     *
     * @throws DocketException VALIDATION_FAILED naming {@code limit} outside 1..max
     */
    public static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw DocketException.invalid("limit", "must be between 1 and " + max);
        }
        return limit;
    }
}
