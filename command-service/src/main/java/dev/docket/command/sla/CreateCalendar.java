package dev.docket.command.sla;

import dev.docket.events.CalendarId;
import dev.docket.events.calendar.BusinessCalendar;

/** Create a business calendar. The id is allocated, and recorded in the calendar directory, before it is sent. */
public record CreateCalendar(CalendarId calendarId, String name, BusinessCalendar calendar, String reason) {
}
