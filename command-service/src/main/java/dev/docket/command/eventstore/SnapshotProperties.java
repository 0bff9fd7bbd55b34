package dev.docket.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param threshold how many events loading a ticket may replay before a snapshot of it is stored; later loads start
 *                  from the newest snapshot and replay only the events after it
 */
@ConfigurationProperties("docket.snapshots")
record SnapshotProperties(Integer threshold) {

    SnapshotProperties {
        threshold = threshold == null ? 100 : threshold;
        if (threshold < 1) {
            throw new IllegalArgumentException("docket.snapshots.threshold must be positive");
        }
    }
}
