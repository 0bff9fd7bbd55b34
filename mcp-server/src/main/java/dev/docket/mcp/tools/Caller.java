package dev.docket.mcp.tools;

import java.util.Set;

/**
 * Who calls a tool: the bearer token they presented (passed on to the APIs, which check it again and record its
 * subject as the actor), its subject, and its Docket roles, which decide the tools they are shown.
 */
public record Caller(String token, String subject, Set<Role> roles) {

    /** Docket's roles as tokens name them (the APIs' own list; {@code consumer} has no tool). */
    public enum Role {
        REQUESTER, AGENT, ADMIN, AUDITOR;

        public String claimValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasAny(Set<Role> allowed) {
        return roles.stream().anyMatch(allowed::contains);
    }
}
