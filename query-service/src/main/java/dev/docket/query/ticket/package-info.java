/**
 * The ticket read models, kept by {@link dev.docket.query.ticket.TicketProjection}: the {@code ticket} row with its
 * search vector (lists and search), comments and attachments (the ticket view), and the exact counts; and the REST
 * API that serves them: search with a filter expression, the ticket view and the counts.
 */
package dev.docket.query.ticket;
