package dev.docket.query.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * What Docket decides about consuming; Kafka client settings (batch size, fetch waits, security) are Boot's
 * {@code spring.kafka.consumer.*}.
 *
 * @param enabled      whether this instance consumes (instances in one group split the partitions)
 * @param groupId      the Kafka consumer group; generation {@code n} consumes as {@code <groupId>-g<n>}
 * @param retryBackoff pause after a failed batch before it is retried
 * @param maxAttempts  attempts of a batch before its records are applied one by one and one that fails for its own
 *                     sake (not for an unavailable database) is parked
 */
@ConfigurationProperties("docket.consumer")
public record ConsumerProperties(Boolean enabled, String groupId, Duration retryBackoff, Integer maxAttempts) {

    public ConsumerProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null || groupId.isBlank() ? "docket-query" : groupId;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
    }
}
