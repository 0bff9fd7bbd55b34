/**
 * Docket's query service. {@code ingest}: consumes the ticket events from Kafka and applies them to the read
 * models exactly once in effect; {@code summary}: the ticket summary read model and its REST API.
 */
package dev.docket.query;
