package dev.docket.query.readmodel;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One set of read-model tables in its own schema, and where it is in its life. */
public record Generation(int number, String schema, State state, Instant createdAt, @Nullable Instant activatedAt) {

    public enum State { BUILDING, ACTIVE, RETIRED }
}
