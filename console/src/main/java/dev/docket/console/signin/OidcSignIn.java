package dev.docket.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * After an OpenID Connect sign-in: the access token the provider issued for the APIs becomes the console user's
 * token, kept in the session; its subject and roles are read from it (the APIs verify it on every call, the
 * console only decides what to show). The OAuth client's own records of the sign-in are not needed after this.
 */
@Component
class OidcSignIn implements AuthenticationSuccessHandler {

    private final ObjectProvider<OAuth2AuthorizedClientService> clients;
    private final SecurityContextRepository contexts;
    private final JsonMapper json;
    private final String rolesClaim;

    OidcSignIn(ObjectProvider<OAuth2AuthorizedClientService> clients, SecurityContextRepository contexts,
               JsonMapper json, @org.springframework.beans.factory.annotation.Value(
                       "${docket.console.roles-claim:roles}") String rolesClaim) {
        this.clients = clients;
        this.contexts = contexts;
        this.json = json;
        this.rolesClaim = rolesClaim;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AuthenticationToken signIn = (OAuth2AuthenticationToken) authentication;
        OAuth2AuthorizedClient client = clients.getObject().loadAuthorizedClient(
                signIn.getAuthorizedClientRegistrationId(), signIn.getName());
        OAuth2AccessToken token = client.getAccessToken();
        JsonNode claims = claims(token.getTokenValue());
        String name = signIn.getPrincipal() instanceof OidcUser oidc && oidc.getFullName() != null
                ? oidc.getFullName() : signIn.getName();
        Set<String> roles = new LinkedHashSet<>();
        claims.path(rolesClaim).forEach(role -> roles.add(role.asString()));
        ConsoleUser user = new ConsoleUser(claims.path("sub").asString(signIn.getName()), name, roles,
                token.getTokenValue(), token.getExpiresAt() == null ? Instant.now().plusSeconds(3600)
                : token.getExpiresAt());
        clients.getObject().removeAuthorizedClient(signIn.getAuthorizedClientRegistrationId(), signIn.getName());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ConsoleAuthentication(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        response.sendRedirect(request.getContextPath() + "/");
    }

    /** The claims of a JWT access token, unverified (the APIs verify it); none for an opaque token. */
    private JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }
}
