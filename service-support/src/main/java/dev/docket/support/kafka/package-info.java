/** The ticket event topic's name, and a health check of the broker, on Boot's Kafka settings. */
package dev.docket.support.kafka;
