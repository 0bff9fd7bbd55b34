package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;

/** What a person does in Docket. */
public enum Role {
    /** Asks for help: opens tickets and follows their own. */
    @JsonProperty("requester") REQUESTER,
    /** Works tickets; may be assigned. */
    @JsonProperty("agent") AGENT,
    /** Manages people and the platform; also works tickets, so may be assigned. */
    @JsonProperty("admin") ADMIN;

    public String wireName() {
        return WireNames.of(this);
    }

    /** Whether tickets may be assigned to a person with this role. */
    public boolean worksTickets() {
        return this == AGENT || this == ADMIN;
    }

    public static Optional<Role> fromWireName(String text) {
        return WireNames.parse(Role.class, text);
    }
}
