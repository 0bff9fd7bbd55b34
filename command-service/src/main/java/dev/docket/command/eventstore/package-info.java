/**
 * Axon on PostgreSQL: the JDBC event storage engine on Flyway-created tables, a Spring-backed transaction manager,
 * and the metadata (actor, correlation id, causation id) every event carries.
 */
package dev.docket.command.eventstore;
