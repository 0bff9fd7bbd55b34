package dev.docket.query.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param maxWait         how long a read with {@code minVersion} or {@code consistentWith} waits for the read model to
 *                        get there before it answers 503 READ_MODEL_BEHIND
 * @param relevanceWindow a search sorted by relevance ranks at most the newest this many matches
 * @param lookInterval    while such a read waits, how often it looks again on its own: this instance's commits wake
 *                        it at once, other instances' are seen when it looks
 */
@ConfigurationProperties("docket.read")
public record ReadProperties(Duration maxWait, Integer relevanceWindow, Duration lookInterval) {

    public ReadProperties {
        maxWait = maxWait == null ? Duration.ofSeconds(5) : maxWait;
        lookInterval = lookInterval == null ? Duration.ofMillis(20) : lookInterval;
        relevanceWindow = relevanceWindow == null ? 5000 : Math.max(100, relevanceWindow);
    }
}
