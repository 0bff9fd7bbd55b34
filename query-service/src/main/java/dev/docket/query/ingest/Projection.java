package dev.docket.query.ingest;

import java.util.List;

/**
 * A read model fed by events, for one batch: it reads what the batch's events need ({@link #load}), applies them in
 * memory one by one ({@link #apply}), then writes what changed ({@link #flush}), all in the batch transaction. The
 * ingest guard has established that each event given to {@link #apply} is the next one of its subject (neither a
 * redelivery nor after a gap), so a projection applies what it is given; anything it throws rolls the batch back
 * (and, if it keeps failing, parks the event).
 */
public interface Projection {

    /**
     * Before any event of the batch is applied: reads, in as few statements as it can, the rows these events touch.
     * The list holds every event of the batch, also those the guard will not let through.
     */
    void load(List<EventEnvelope> events);

    /** Applies the next event of its subject to what was loaded; nothing is written yet. */
    void apply(EventEnvelope envelope, Batch batch);

    /** Writes what the batch changed, one statement per table where it can. */
    void flush();
}
