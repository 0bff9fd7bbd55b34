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
 * @param rebuildConcurrency consumers that fill a generation being rebuilt, each with its share of the partitions
 *                     and its own transactions (a rebuild is bound by the database: two keep two cores busy); the
 *                     generation keeps them once it serves, until the instance restarts
 */
@ConfigurationProperties("docket.consumer")
public record ConsumerProperties(Boolean enabled, String groupId, Duration retryBackoff, Integer maxAttempts,
                                 Integer rebuildConcurrency) {

    public ConsumerProperties {
        enabled = enabled == null || enabled;
        groupId = groupId == null || groupId.isBlank() ? "docket-query" : groupId;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
        rebuildConcurrency = rebuildConcurrency == null ? 2 : Math.max(1, rebuildConcurrency);
    }
}
