package dev.docket.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param size how many tickets this instance keeps loaded between commands (least recently used go first); a
 *             ticket in the cache is changed without reading its events or snapshot. 0 turns the cache off.
 */
@ConfigurationProperties("docket.ticket-cache")
record TicketCacheProperties(Long size) {

    TicketCacheProperties {
        size = size == null ? 10_000 : size;
        if (size < 0) {
            throw new IllegalArgumentException("docket.ticket-cache.size must not be negative");
        }
    }
}
