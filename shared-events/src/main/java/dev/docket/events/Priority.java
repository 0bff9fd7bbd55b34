package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/** How urgently a ticket needs attention. The lower-case wire names are the contract. */
public enum Priority {
    @JsonProperty("low") LOW,
    @JsonProperty("normal") NORMAL,
    @JsonProperty("high") HIGH,
    @JsonProperty("urgent") URGENT;

    public String wireName() {
        return WireNames.of(this);
    }

    /** Exact, case-sensitive match of a wire name; anything else is empty. */
    public static Optional<Priority> fromWireName(String text) {
        return WireNames.parse(Priority.class, text);
    }
}
