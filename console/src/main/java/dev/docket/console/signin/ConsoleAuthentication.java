package dev.docket.console.signin;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A console sign-in: the principal is the {@link ConsoleUser}, whose token the API calls carry. */
public final class ConsoleAuthentication extends AbstractAuthenticationToken {

    private final ConsoleUser user;

    public ConsoleAuthentication(ConsoleUser user) {
        super(user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ConsoleUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.subject();
    }
}
