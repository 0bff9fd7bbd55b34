package dev.docket.support.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A moment as both APIs take it in a parameter: a date ({@code 2026-11-24}, its start in UTC) or an instant. */
public final class DateOrInstant {

    private DateOrInstant() {
    }

    /**
     * {@code 2026-11-24} (that day's start, UTC) or {@code 2026-11-24T09:30:00Z}.
     *
     * @throws java.time.format.DateTimeParseException when it is neither
     */
    public static Instant parse(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(text);
    }
}
