package dev.docket.query.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param enabled        whether this instance consumes (instances in one group split the partitions)
 * @param groupId        the Kafka consumer group; generation {@code n} consumes as {@code <groupId>-g<n>}
 * @param maxPollRecords records applied per transaction at most
 * @param retryBackoff   pause after a failed batch before it is retried
 * @param maxAttempts    failed attempts of a batch (other than an unavailable database) before its records are
 *                       applied one by one and the failing one is parked
 */
@ConfigurationProperties("docket.consumer")
public record ConsumerProperties(Boolean enabled, String groupId, Integer maxPollRecords, Duration retryBackoff,
                                 Integer maxAttempts) {

    public ConsumerProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null || groupId.isBlank() ? "docket-query" : groupId;
        maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
    }
}
