package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/** Who may read a comment. */
public enum CommentVisibility {
    /** A reply the requester sees. */
    @JsonProperty("public") PUBLIC,
    /** A note among agents; never shown to the requester. */
    @JsonProperty("internal") INTERNAL;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<CommentVisibility> fromWireName(String text) {
        return WireNames.parse(CommentVisibility.class, text);
    }
}
