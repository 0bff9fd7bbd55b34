/**
 * Turns API requests into commands: validates before allocating anything, allocates ticket ids and numbers,
 * attaches who and why (actor, correlation id) as command metadata, and dispatches through Axon.
 */
package dev.docket.command.app;
