/**
 * The local launcher behind {@code ./docket}. It needs only a JDK and a reachable PostgreSQL: Kafka runs inside
 * the launcher's JVM, the two services run as child processes from their built jars, and everything stops together.
 */
package dev.docket.launcher;
