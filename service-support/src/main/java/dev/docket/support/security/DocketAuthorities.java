package dev.docket.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated token into an authentication: the subject is the name, and each Docket role found at the
 * configured claim becomes {@code ROLE_<NAME>}. The claim is a JSON array of role names, or one string of names
 * separated by spaces (as OAuth's {@code scope}); each name must be a Docket role exactly as written in lower case
 * ({@link AccessRole#fromClaimValue}). Other names are ignored.
 */
public final class DocketAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLE_PREFIX = "ROLE_";

    private final String[] rolesPath;

    public DocketAuthorities(String rolesClaim) {
        this.rolesPath = rolesClaim.split("\\.");
    }

    @Override
    public JwtAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String name : roleNames(jwt)) {
            AccessRole.fromClaimValue(name).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(
                    ROLE_PREFIX + role.name())));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private List<String> roleNames(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : rolesPath) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(step);
        }
        if (value instanceof String text) {
            return List.of(text.split(" "));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
