/**
 * Service-level configuration on the command side: business calendars ({@link dev.docket.command.sla.Calendar}) and
 * the book of ordered policies ({@link dev.docket.command.sla.PolicyBook}), each a versioned aggregate whose every
 * change is one event carrying the whole definition, the actor and a reason. The arithmetic they configure lives in
 * {@code shared-events} ({@code dev.docket.events.sla}).
 */
package dev.docket.command.sla;
