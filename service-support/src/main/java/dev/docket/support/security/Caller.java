package dev.docket.support.security;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated caller of the current request: the token's subject (the actor recorded in events) and its
 * access roles.
 *
 * @param subject the token's {@code sub}; a Docket person's id when the caller is a registered person
 * @param roles   the roles the token grants that Docket knows
 */
public record Caller(String subject, Set<AccessRole> roles) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller of the request being handled. Only called behind the security filter, which requires one. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken) || !authentication.isAuthenticated()) {
            throw new DocketException(ErrorCode.UNAUTHENTICATED, "A bearer token is required.");
        }
        Set<AccessRole> roles = EnumSet.noneOf(AccessRole.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(DocketAuthorities.ROLE_PREFIX)) {
                AccessRole.fromAuthority(name.substring(DocketAuthorities.ROLE_PREFIX.length())).ifPresent(roles::add);
            }
        }
        return new Caller(authentication.getName(), roles);
    }

    public boolean has(AccessRole role) {
        return roles.contains(role);
    }

    /** Agents and admins work tickets: every ticket, internal notes included. */
    public boolean worksTickets() {
        return has(AccessRole.AGENT) || has(AccessRole.ADMIN);
    }

    /**
     * Whether what this caller reads and changes is limited to their own tickets, without internal notes: a caller
     * who neither works tickets nor audits them. (What an auditor may call at all is read-only.)
     */
    public boolean seesOnlyOwnTickets() {
        return !worksTickets() && !has(AccessRole.AUDITOR);
    }
}
