package dev.docket.command.rules;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * Optimistic concurrency: a change that names the version it was based on applies only to that version. Also the
 * one place where Axon's count meets the clients': Axon numbers an aggregate's events from 0, clients see a version
 * that counts them (1 after the first event). Aggregates keep no counter of their own; Axon's sequence is the truth,
 * in a cached aggregate as in one loaded from its events.
 */
public final class VersionRules {

    private VersionRules() {
    }

    /** The version of the aggregate being handled, as clients see it (its ETag). */
    public static long current() {
        Long sequence = AggregateLifecycle.getVersion();
        return sequence == null ? 0 : sequence + 1;
    }

    /** Refuses an {@code If-Match} other than the current version of the aggregate being handled. */
    public static void requireCurrent(Long expected, String what) {
        requireCurrent(expected, current(), what);
    }

    /**
     * @param expected the version from the caller's {@code If-Match}, or null to apply the change to the latest
     * @param current  the aggregate's version now
     * @param what     {@code ticket} or {@code user}, for the message
     */
    private static void requireCurrent(Long expected, long current, String what) {
        if (expected == null || expected == current) {
            return;
        }
        String detail = "The " + what + " is at version " + current + ", not " + expected
                + "; nothing was changed. Re-read it and retry.";
        throw (expected > current ? new VersionAhead(detail) : new DocketException(ErrorCode.VERSION_MISMATCH, detail))
                .with("currentVersion", current);
    }

    /**
     * The caller names a version the aggregate has not reached. The caller may have seen more than this instance
     * has: an aggregate state from a cache can be older than the event store (another instance appended since), so
     * the change is tried once more on a fresh load before this answers. Answers as any version mismatch.
     */
    public static final class VersionAhead extends DocketException {

        VersionAhead(String detail) {
            super(ErrorCode.VERSION_MISMATCH, detail);
        }
    }
}
