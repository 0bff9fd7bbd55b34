/**
 * Typed refusals with a stable {@link dev.docket.events.ErrorCode}. Plain Java, so domain code may throw them
 * without knowing about HTTP; the web layer maps them once to problem answers.
 */
package dev.docket.support.errors;
