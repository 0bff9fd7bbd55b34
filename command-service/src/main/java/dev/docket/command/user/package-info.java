/**
 * The user aggregate: people who request and work tickets, their registration, display name and deactivation.
 * Plain Java and Axon annotations, like the ticket package.
 */
package dev.docket.command.user;
