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
    AUDITOR;

    /** The name in tokens and in Spring Security's role checks ({@code ROLE_} + this upper case). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccessRole> fromClaimValue(String value) {
        for (AccessRole role : values()) {
            if (role.claimValue().equalsIgnoreCase(value.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
