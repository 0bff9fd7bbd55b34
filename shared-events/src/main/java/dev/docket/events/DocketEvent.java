package dev.docket.events;

/**
 * Every event Docket publishes: the ticket events and the people events tickets refer to. Sealed, so a switch over
 * it (or over one family) must handle every event.
 */
public sealed interface DocketEvent permits TicketEvent, UserEvent {

    /** The id of the aggregate the event belongs to (ticket or user): the CloudEvents subject and Kafka key. */
    String subject();
}
