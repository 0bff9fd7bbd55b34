package dev.docket.query.api;

import dev.docket.support.errors.DocketException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

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

    /**
     * A date ({@code 2026-11-24}, meaning its start, UTC) or an instant ({@code 2026-11-24T09:30:00Z}).
     *
     * @throws java.time.format.DateTimeParseException when it is neither
     */
    public static Instant dateOrInstant(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(text);
    }
}
