package dev.docket.command.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param enabled           whether this instance runs a relay (one of all running relays is active at a time)
 * @param name              the relay's name: its stored position and its lock
 * @param partitions        partitions of the ticket event topic when the relay creates it
 * @param replicationFactor replicas of each partition when the relay creates the topic (1 locally, 3 in production)
 * @param batchSize         events read and published per round trip
 * @param idlePoll          longest wait before looking for events anyway: this instance's commits wake the relay at
 *                          once, other instances' are found when it looks
 * @param linger            after publishing, how long the relay lets commits gather before it reads again: under
 *                          load one round trip to PostgreSQL and one to Kafka then carry several events, at the cost
 *                          of at most this much delay; the first event after a quiet spell goes out at once
 * @param retryBackoff      pause after a failure (database or Kafka unreachable) before trying again
 * @param source            the CloudEvents {@code source} attribute of published events
 */
@ConfigurationProperties("docket.relay")
public record RelayProperties(Boolean enabled, String name, Integer partitions, Short replicationFactor,
                              Integer batchSize, Duration idlePoll, Duration linger, Duration retryBackoff,
                              String source) {

    public RelayProperties {
        enabled = enabled == null || enabled;
        name = name == null || name.isBlank() ? "ticket-events" : name;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        batchSize = batchSize == null ? 500 : batchSize;
        idlePoll = idlePoll == null ? Duration.ofMillis(100) : idlePoll;
        linger = linger == null ? Duration.ofMillis(5) : linger;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(1) : retryBackoff;
        source = source == null || source.isBlank() ? "/docket/command-service" : source;
    }

    /** The defaults, for code that builds a relay by hand. */
    public static RelayProperties defaults() {
        return new RelayProperties(null, null, null, null, null, null, null, null, null);
    }
}
