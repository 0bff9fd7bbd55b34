package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.calendar.BusinessCalendar;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A business calendar was created or changed: the whole definition, in force from the event's time on (earlier
 * business time stays counted under the version in force then). Who changed it travels in the metadata (actor).
 *
 * @param name     how people see it, 1 to 200 characters
 * @param calendar the time zone, weekly working hours and holidays
 * @param reason   why, possibly empty, never null
 */
@EventType(name = "dev.docket.sla.calendar-defined", version = 1)
@Revision("1")
public record BusinessCalendarDefined(
        @JsonProperty("calendarId") CalendarId calendarId,
        @JsonProperty("name") String name,
        @JsonProperty("calendar") BusinessCalendar calendar,
        @JsonProperty("reason") String reason) implements CalendarEvent {

    public BusinessCalendarDefined {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(calendar, "calendar");
        reason = reason == null ? "" : reason;
    }
}
