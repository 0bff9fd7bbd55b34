/**
 * The agent console: a thin client of the two public APIs with the signed-in person's token, kept on the server.
 * Pages are rendered here (Thymeleaf) and made live with htmx over the query service's change stream.
 */
package dev.docket.console;
