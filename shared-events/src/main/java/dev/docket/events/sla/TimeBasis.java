package dev.docket.events.sla;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a target's time is counted. */
public enum TimeBasis {
    /** Only the working hours of the policy's business calendar count. */
    @JsonProperty("business") BUSINESS,
    /** Every hour counts, day and night. */
    @JsonProperty("calendar") CALENDAR
}
