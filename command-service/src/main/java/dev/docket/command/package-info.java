/**
 * Docket's command service. {@code ticket}: the aggregate and its rules; {@code app}: turning requests into
 * commands; {@code web}: the REST API; {@code eventstore}: Axon on PostgreSQL; {@code relay}: committed events to
 * Kafka, in order, never skipping one.
 */
package dev.docket.command;
