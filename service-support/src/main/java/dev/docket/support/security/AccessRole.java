package dev.docket.support.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, as the identity provider's token says ({@code docket.auth.roles-claim}). Distinct from a
 * person's registered role, which only says whether tickets can be assigned to them.
 */
public enum AccessRole {
    /** Opens tickets, comments publicly, and sees only the tickets they requested, without internal notes. */
    REQUESTER,
    /** Works every ticket and sees internal notes. */
    AGENT,
    /** Everything an agent may, plus people, read-model rebuilds, dead letters and the actuator. */
    ADMIN,
    /** Reads history and the audit log and verifies the audit chain; changes nothing. */
    AUDITOR,
    /**
     * A service that consumes the event topic (the query service, a downstream consumer): reads the data keys that
     * open the topic's sealed personal fields, and nothing else.
     */
    CONSUMER;

    /** The name in tokens and in Spring Security's role checks ({@code ROLE_} + this upper case). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role a token names, matched exactly: {@code "admin"} is the admin role, {@code "Admin"} and
     * {@code " admin"} are no role at all, as an identity provider's role names are case-sensitive.
     */
    public static Optional<AccessRole> fromClaimValue(String value) {
        for (AccessRole role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The role of a Spring Security authority's name without its prefix ({@code ADMIN}). */
    static Optional<AccessRole> fromAuthority(String name) {
        for (AccessRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
