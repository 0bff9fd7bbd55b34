package dev.docket.console.signin;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * Who is signed in to the console, with the bearer token the console calls the APIs with on their behalf. Kept in
 * the server-side session only: the browser holds a session cookie, never the token.
 *
 * @param subject the token's subject: the actor recorded in every event this person causes
 * @param roles   the token's Docket roles (requester, agent, admin, auditor)
 */
public record ConsoleUser(String subject, String displayName, Set<String> roles, String token, Instant expiresAt)
        implements Serializable {

    /** Agents and admins work every ticket; anyone else sees the requester's console. */
    public boolean worksTickets() {
        return roles.contains("agent") || roles.contains("admin");
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
