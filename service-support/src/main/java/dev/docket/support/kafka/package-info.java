/** Kafka client settings shared by the relay and the consumer, and a health check of the broker. */
package dev.docket.support.kafka;
