package dev.docket.query.ingest;

/**
 * A read model fed by events. Called inside the batch transaction, after the ingest guard has established that the
 * event is the next one of its subject (neither a redelivery nor after a gap), so a projection applies what it is
 * given; anything it throws rolls the event back (and, if it keeps failing, parks it).
 */
public interface Projection {

    void apply(EventEnvelope envelope, Batch batch);
}
