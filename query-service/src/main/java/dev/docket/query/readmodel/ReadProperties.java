package dev.docket.query.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param maxWait         how long a read with {@code minVersion} or {@code consistentWith} waits for the read model to
 *                        get there before it answers 503 READ_MODEL_BEHIND
 * @param relevanceWindow a search sorted by relevance ranks at most the newest this many matches
 */
@ConfigurationProperties("docket.read")
public record ReadProperties(Duration maxWait, Integer relevanceWindow) {

    public ReadProperties {
        maxWait = maxWait == null ? Duration.ofSeconds(5) : maxWait;
        relevanceWindow = relevanceWindow == null ? 5000 : Math.max(100, relevanceWindow);
    }
}
