package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/**
 * Where a ticket is in its life. Which moves are allowed is the command side's rule (its transition table); the
 * contract only names the states.
 */
public enum TicketStatus {
    /** New or reopened, waiting for an agent to pick it up. */
    @JsonProperty("open") OPEN,
    /** An agent is working on it. */
    @JsonProperty("in_progress") IN_PROGRESS,
    /** Waiting for the requester to answer. */
    @JsonProperty("waiting_on_customer") WAITING_ON_CUSTOMER,
    /** The agent considers it solved; the requester may still reopen it. */
    @JsonProperty("resolved") RESOLVED,
    /** Final: nothing changes any more except archiving. */
    @JsonProperty("closed") CLOSED;

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<TicketStatus> fromWireName(String text) {
        return WireNames.parse(TicketStatus.class, text);
    }
}
