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
        if (expected != null && expected != current) {
            throw new DocketException(ErrorCode.VERSION_MISMATCH, "The " + what + " is at version " + current
                    + ", not " + expected + "; nothing was changed. Re-read it and retry.")
                    .with("currentVersion", current);
        }
    }
}
