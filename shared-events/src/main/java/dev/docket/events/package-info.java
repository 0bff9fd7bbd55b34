/**
 * The Docket event contract, shared by the command side, the query side and any downstream Kafka consumer.
 *
 * <p>Every ticket event is an immutable record implementing the sealed {@link dev.docket.events.TicketEvent}, so a
 * projector that switches over it is told by the compiler when it misses an event. Each record carries a
 * versioned public type name ({@link dev.docket.events.EventType}) and Axon's {@code @Revision}; the JSON field
 * names are fixed with {@code @JsonProperty} and are the contract, not the Java names.
 *
 * <p>This package depends on the JDK and annotations only: no Spring, no runtime Axon or Jackson.
 */
package dev.docket.events;
