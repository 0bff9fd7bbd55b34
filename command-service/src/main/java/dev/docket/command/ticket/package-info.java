/**
 * The ticket aggregate and its commands: what may happen to a ticket and the rules that decide it. Plain Java and
 * Axon annotations; no web, persistence or messaging code lives here (an ArchUnit rule holds that).
 */
package dev.docket.command.ticket;
