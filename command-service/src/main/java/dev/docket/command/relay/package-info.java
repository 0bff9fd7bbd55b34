/**
 * The relay: publishes every committed event to Kafka, keyed by ticket id, at least once, never skipping one and
 * never reordering a ticket's events.
 *
 * <p>Rows do not commit in {@code global_index} order, so a reader that follows the index can pass a row that
 * commits later and lose it. The relay instead reads in (transaction id, global index) order and only below the
 * horizon: the oldest transaction still running in this database. Everything below it has finished, so nothing
 * can appear behind the relay's position. Each round finds the horizon and reads below it in one statement, so in
 * one snapshot and one round trip. A trigger keeps each ticket's events in that order (see
 * {@code V1__event_store.sql}). This instance's commits wake the relay in process (not through {@code NOTIFY}:
 * see {@code V6__relay_woken_in_process.sql}), and it looks every {@code idlePoll} for other instances' events. The
 * position is stored only after Kafka acknowledged. One relay publishes at a time, holding a PostgreSQL advisory
 * lock on its connection; a standby takes over when that session ends.
 */
package dev.docket.command.relay;
