/**
 * What the command side decides beyond a single aggregate, and how commands travel: ticket ids and numbers allocated
 * only after the checks pass, emails claimed before a person exists, the user directory kept with people's events,
 * idempotency keys, attachment content, and the command bus's interceptors that attach who and why (actor,
 * correlation id, trace context) to every command and measure its outcome.
 */
package dev.docket.command.app;
