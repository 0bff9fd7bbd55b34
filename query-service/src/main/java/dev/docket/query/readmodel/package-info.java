/**
 * Generations of read models. Every generation is a PostgreSQL schema ({@code rm_1}, {@code rm_2}, ...) holding all
 * read-model tables, migrated by Flyway from {@code db/readmodel}; exactly one is active and serves queries. A
 * rebuild fills a new generation from the beginning of the event topic beside the active one and switches over
 * when it has caught up, so queries are answered throughout.
 */
package dev.docket.query.readmodel;
