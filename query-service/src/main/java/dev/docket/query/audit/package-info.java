/**
 * The audit history read model ({@code audit_entry}): every event with when, who, why and what changed, per ticket
 * and across subjects by actor and time, and its REST API.
 */
package dev.docket.query.audit;
