package dev.docket.command.eventstore;

/**
 * Published once a transaction that appended events has committed: the relay then looks for them at once instead of
 * at its next poll. It carries nothing; the relay reads what to publish from the event store.
 */
public enum EventsCommitted {
    INSTANCE
}
