package dev.docket.events;

/** Everything that can happen to a business calendar. Sealed: a switch over it must handle every event. */
public sealed interface CalendarEvent extends DocketEvent permits BusinessCalendarDefined {

    CalendarId calendarId();

    @Override
    default String subject() {
        return calendarId().toString();
    }
}
