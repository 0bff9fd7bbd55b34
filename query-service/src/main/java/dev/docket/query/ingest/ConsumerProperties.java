package dev.docket.query.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param enabled       whether this instance consumes (instances in one group split the partitions)
 * @param groupId       the Kafka consumer group; also keys the offsets stored with the read models
 * @param maxPollRecords records applied per transaction at most
 * @param retryBackoff  pause after a failed batch before it is retried
 */
@ConfigurationProperties("docket.consumer")
public record ConsumerProperties(Boolean enabled, String groupId, Integer maxPollRecords, Duration retryBackoff) {

    public ConsumerProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null || groupId.isBlank() ? "docket-query" : groupId;
        maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
    }
}
