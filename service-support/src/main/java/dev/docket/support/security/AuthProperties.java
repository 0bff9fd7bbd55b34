package dev.docket.support.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where bearer tokens come from ({@code docket.auth}). Exactly one source: an identity provider (by its issuer's
 * discovery document, or by its key set and issuer name), or, outside the production profile, the local signing
 * key that {@code ./docket up} makes.
 *
 * @param issuerUri      the issuer's URL; its OpenID discovery document names the key set (fetched on the first
 *                       request, not at start-up). Tokens must carry it as {@code iss}.
 * @param jwkSetUri      the key set's URL, for providers without discovery; {@code issuer} then names the issuer
 * @param issuer         the {@code iss} tokens must carry when {@code jwkSetUri} is used
 * @param audience       when set, tokens must list it in {@code aud}
 * @param localPublicKey the local token key (base64 X.509); local runs and tests only, refused in production
 * @param rolesClaim     where the token carries its roles; a dotted path reaches into objects, as Keycloak's
 *                       {@code realm_access.roles}; the value is a list of names or one space-separated string
 * @param clockSkew      tolerance on {@code exp} and {@code nbf}
 * @param publicMetrics  serve {@code /actuator/prometheus} without a token, for a scraper on a private network;
 *                       otherwise it is for admins like the rest of the actuator
 * @param verifiedTokenMaxAge    how long a verified token is accepted without checking its signature again (never
 *                               past its {@code exp}); a key withdrawn from the identity provider's key set stops
 *                               working within this time of the key set's refresh
 * @param verifiedTokenCacheSize how many verified tokens are remembered (least recently used go first)
 */
@ConfigurationProperties("docket.auth")
public record AuthProperties(@Nullable String issuerUri,
                             @Nullable String jwkSetUri,
                             @Nullable String issuer,
                             @Nullable String audience,
                             @Nullable String localPublicKey,
                             @DefaultValue("roles") String rolesClaim,
                             @DefaultValue("60s") Duration clockSkew,
                             @DefaultValue("false") boolean publicMetrics,
                             @DefaultValue("60s") Duration verifiedTokenMaxAge,
                             @DefaultValue("10000") long verifiedTokenCacheSize) {

    public AuthProperties {
        issuerUri = blankToNull(issuerUri);
        jwkSetUri = blankToNull(jwkSetUri);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        localPublicKey = blankToNull(localPublicKey);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    boolean hasIdentityProvider() {
        return issuerUri != null || jwkSetUri != null;
    }

    boolean hasLocalKey() {
        return localPublicKey != null && !localPublicKey.isBlank();
    }
}
