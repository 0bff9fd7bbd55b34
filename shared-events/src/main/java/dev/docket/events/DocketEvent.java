package dev.docket.events;

/**
 * Every event Docket publishes: the ticket events, the people events tickets refer to, and the service-level
 * configuration (business calendars and the policy book). Sealed, so a switch over it (or over one family) must handle
 * every event.
 */
public sealed interface DocketEvent permits TicketEvent, UserEvent, CalendarEvent, SlaPolicyEvent {

    /** The id of the aggregate the event belongs to (ticket, user, calendar or policy book): the CloudEvents subject and Kafka key. */
    String subject();
}
