/**
 * The consistency check: every ticket as the event store has it (from the command service) against every read
 * model of the active generation, ticket by ticket, and the status counts against the tickets.
 */
package dev.docket.query.check;
