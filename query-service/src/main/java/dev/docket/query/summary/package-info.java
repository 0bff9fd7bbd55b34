/**
 * The ticket summary read model: one row per ticket with what lists and the ticket view show, kept by
 * {@link dev.docket.query.summary.TicketSummaryProjection} and served by the query API.
 */
package dev.docket.query.summary;
