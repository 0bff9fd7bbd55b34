/**
 * Long-running background work inside a service (the relay, the Kafka consumer): one thread each, started and
 * stopped with the application, and reported in health.
 */
package dev.docket.support.worker;
