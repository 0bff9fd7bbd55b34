package dev.docket.command.rules;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;

/** Optimistic concurrency: a change that names the version it was based on applies only to that version. */
public final class VersionRules {

    private VersionRules() {
    }

    /**
     * @param expected the version from the caller's {@code If-Match}, or null to apply the change to the latest
     * @param current  the aggregate's version now
     * @param what     {@code ticket} or {@code user}, for the message
     */
    public static void requireCurrent(Long expected, long current, String what) {
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
