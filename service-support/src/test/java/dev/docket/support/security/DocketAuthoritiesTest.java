package dev.docket.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where identity providers put roles: a list, a space-separated string, or inside an object (Keycloak). */
class DocketAuthoritiesTest {

    @Test
    void readsAListOfRoles() {
        assertThat(authorities("roles", Map.of("roles", List.of("agent", "auditor", "other"))))
                .containsExactly("ROLE_AGENT", "ROLE_AUDITOR");
    }

    @Test
    void roleNamesMatchExactlyAsConfigured() {
        assertThat(authorities("roles", Map.of("roles", List.of("ADMIN", "Admin", " admin", "admin ", "agent\t"))))
                .isEmpty();
        assertThat(authorities("scope", Map.of("scope", "Admin AGENT"))).isEmpty();
    }

    @Test
    void readsASpaceSeparatedString() {
        assertThat(authorities("scope", Map.of("scope", "requester openid"))).containsExactly("ROLE_REQUESTER");
    }

    @Test
    void followsADottedPathIntoObjects() {
        assertThat(authorities("realm_access.roles", Map.of("realm_access", Map.of("roles", List.of("admin")))))
                .containsExactly("ROLE_ADMIN");
    }

    @Test
    void aMissingOrMisshapenClaimGrantsNothing() {
        assertThat(authorities("roles", Map.of("other", "x"))).isEmpty();
        assertThat(authorities("realm_access.roles", Map.of("realm_access", "admin"))).isEmpty();
        assertThat(authorities("roles", Map.of("roles", 42))).isEmpty();
    }

    private static List<String> authorities(String claim, Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("ana");
        claims.forEach(jwt::claim);
        return new DocketAuthorities(claim).convert(jwt.build()).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
    }
}
