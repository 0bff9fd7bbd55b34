/**
 * The tamper-evident audit trail. Every stored event carries a SHA-256 hash that links it to the previous event of
 * its aggregate ({@link dev.docket.command.audit.ChainLink}); the verifier recomputes the chains from the stored rows
 * and reports the first broken link; and signed checkpoints of the chain heads, published outside the database,
 * catch a rewrite that recomputed every hash.
 */
package dev.docket.command.audit;
