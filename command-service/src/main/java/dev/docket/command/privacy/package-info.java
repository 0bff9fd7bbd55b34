/**
 * Personal data at rest: each person's data key ({@link dev.docket.command.privacy.PersonKeys}), the sealing of an
 * event's personal fields as it is appended (so the audit chain hashes the sealed bytes), and their opening when
 * an aggregate is loaded or an event relayed.
 */
package dev.docket.command.privacy;
