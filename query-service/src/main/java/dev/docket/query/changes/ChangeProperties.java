package dev.docket.query.changes;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retention        how long the change log keeps a change: a client away longer resumes with a reset
 * @param lookInterval     how often open streams are given what was committed since (by any instance)
 * @param heartbeat        how often a quiet stream gets a heartbeat (with its position), so proxies keep it open and
 *                         a requester's position stays inside the retention while nothing of theirs changes
 * @param maxStreamLength  a stream ends after this long (and at its token's expiry), and the client resumes
 */
@ConfigurationProperties("docket.changes")
record ChangeProperties(Duration retention, Duration lookInterval, Duration heartbeat, Duration maxStreamLength) {

    ChangeProperties {
        retention = retention == null ? Duration.ofHours(6) : retention;
        lookInterval = lookInterval == null ? Duration.ofMillis(100) : lookInterval;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        maxStreamLength = maxStreamLength == null ? Duration.ofMinutes(30) : maxStreamLength;
    }
}
