package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

/**
 * Makes a read model's projection for one batch of one generation (a projection holds what it loaded for the batch). Factories are applied in their {@code @Order}: a projection
 * that reads another read model's state from before the event (the audit's "from" values) comes first.
 */
@FunctionalInterface
public interface ProjectionFactory {

    Projection create(ReadModelSql sql);
}
