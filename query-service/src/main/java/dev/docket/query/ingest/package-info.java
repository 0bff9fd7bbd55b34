/**
 * From Kafka to the read models. Each poll's records are decoded and applied by every projection in one
 * PostgreSQL transaction that also stores the next offsets, so a crash at any point leaves the read models and the
 * stored offsets consistent. Redeliveries (a relay that republished, a rewind) are recognised by the ticket
 * version inside that transaction and change nothing. A failing batch is rolled back and retried, never skipped.
 */
package dev.docket.query.ingest;
