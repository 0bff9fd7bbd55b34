package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** What a clock measures. Each ticket has at most one clock of each metric running at a time. */
public enum SlaMetric {
    /** From opening until the first reply that counts as a response; one cycle per ticket. */
    @JsonProperty("first_response") FIRST_RESPONSE,
    /**
     * From a requester's message (after the first response) until the next reply that counts as a response; each
     * requester message while none is running starts a new cycle.
     */
    @JsonProperty("next_response") NEXT_RESPONSE,
    /** From opening until resolved or closed; a reopening resumes it as a new cycle that keeps the time used. */
    @JsonProperty("resolution") RESOLUTION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
