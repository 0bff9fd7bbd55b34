package dev.docket.command.relay;

/** One row of the event store as the relay reads it. */
record StoredEvent(RelayPosition position, String eventId, String aggregateId, long sequenceNumber,
                   String timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
}
