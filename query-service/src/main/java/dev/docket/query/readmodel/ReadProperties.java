package dev.docket.query.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param maxWait how long a read with {@code minVersion} or {@code consistentWith} waits for the read model to get
 *                there before it answers 503 READ_MODEL_BEHIND
 */
@ConfigurationProperties("docket.read")
public record ReadProperties(Duration maxWait) {

    public ReadProperties {
        maxWait = maxWait == null ? Duration.ofSeconds(5) : maxWait;
    }
}
