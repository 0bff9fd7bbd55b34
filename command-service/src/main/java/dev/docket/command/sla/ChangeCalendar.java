package dev.docket.command.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.calendar.BusinessCalendar;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a calendar's definition, in force from now on.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies it to the latest
 */
public record ChangeCalendar(@TargetAggregateIdentifier CalendarId calendarId, Long expectedVersion, String name,
                             BusinessCalendar calendar, String reason) {
}
