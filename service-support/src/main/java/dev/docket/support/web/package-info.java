/**
 * HTTP concerns both services share: every error answer is an RFC 9457 {@code application/problem+json}
 * document with a stable {@code code}, every request carries a correlation id, and request bodies are bounded.
 */
package dev.docket.support.web;
