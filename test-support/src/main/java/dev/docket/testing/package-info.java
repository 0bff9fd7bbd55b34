/**
 * Real infrastructure for integration tests. Nothing here imitates PostgreSQL or Kafka: tests get their own
 * database on the running PostgreSQL server and a real KRaft broker, so runs never collide with each other or
 * with a local {@code ./docket up}.
 *
 * <p>The PostgreSQL server is found through {@code DOCKET_TEST_DB_HOST}, {@code DOCKET_TEST_DB_PORT},
 * {@code DOCKET_TEST_DB_USER} and {@code DOCKET_TEST_DB_PASSWORD} (defaults: 127.0.0.1, 5432, postgres, none).
 */
package dev.docket.testing;
