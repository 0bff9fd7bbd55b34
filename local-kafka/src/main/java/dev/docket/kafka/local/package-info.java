/**
 * A real, single-node Kafka broker in KRaft mode (combined broker and controller) started inside the current
 * JVM from the {@code kafka_2.13} server classes. {@code ./docket up} runs one for local use and the integration
 * tests run one each; it binds to the loopback interface only.
 */
package dev.docket.kafka.local;
