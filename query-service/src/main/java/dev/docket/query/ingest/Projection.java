package dev.docket.query.ingest;

/**
 * A read model fed by ticket events. Called inside the batch transaction; it must apply each event at most once in
 * effect, recognising a redelivered event by the ticket version it has already reached.
 */
public interface Projection {

    void apply(EventEnvelope envelope);
}
