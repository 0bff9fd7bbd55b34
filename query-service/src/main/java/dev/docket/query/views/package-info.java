/**
 * Saved views: a person's own named searches (a filter-language expression and an order), checked as a search reads
 * them and counted exactly through the search API. Kept beside the read models, not in a generation: nothing in the
 * event log holds them.
 */
package dev.docket.query.views;
