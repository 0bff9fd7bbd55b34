package dev.docket.support.security;

import com.nimbusds.jwt.SignedJWT;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the token decoder from {@link AuthProperties}, refusing configurations that would be unsafe: none at all,
 * two sources at once, or the local key in the production profile.
 */
final class TokenDecoders {

    /** The production profile's name: no local key, an identity provider required. */
    static final String PRODUCTION_PROFILE = "production";
    /** The issuer of tokens minted with the local key; only that key's decoder accepts it. */
    static final String LOCAL_ISSUER = "urn:docket:local";
    /** A subject becomes the actor in events, log lines and Kafka headers: printable ASCII, bounded. */
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** The actors of Docket's own jobs ({@code docket:sla}): no caller may act as one. */
    public static final String RESERVED_SUBJECT_PREFIX = "docket:";

    private TokenDecoders() {
    }

    /**
     * The decoder for the configured source, behind a cache of verified tokens ({@link VerifiedTokens}): a token is
     * verified once and then accepted until its {@code exp}, or for at most {@code verifiedTokenMaxAge}.
     */
    static JwtDecoder from(AuthProperties properties, Environment environment, Clock clock) {
        return new VerifiedTokens(verifier(properties, environment, clock), clock, properties.verifiedTokenMaxAge(),
                properties.verifiedTokenCacheSize());
    }

    /** The decoder that checks every token it is given: signature, issuer, times, subject, audience. */
    static JwtDecoder verifier(AuthProperties properties, Environment environment, Clock clock) {
        boolean production = environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE));
        if (production && properties.hasLocalKey()) {
            throw new IllegalStateException("docket.auth.local-public-key (DOCKET_AUTH_LOCAL_PUBLIC_KEY) is for local "
                    + "runs only and is refused in the production profile; configure the identity provider's "
                    + "DOCKET_AUTH_ISSUER_URI or DOCKET_AUTH_JWK_SET_URI");
        }
        if (properties.hasIdentityProvider() && properties.hasLocalKey()) {
            throw new IllegalStateException("configure either an identity provider (docket.auth.issuer-uri or "
                    + "jwk-set-uri) or the local key (docket.auth.local-public-key), not both");
        }
        if (properties.jwkSetUri() != null) {
            if (properties.issuer() == null) {
                throw new IllegalStateException("docket.auth.issuer (DOCKET_AUTH_ISSUER) must name the issuer whose "
                        + "key set docket.auth.jwk-set-uri is");
            }
            return configured(NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build(), properties,
                    properties.issuer(), clock);
        }
        if (properties.issuerUri() != null) {
            String issuer = properties.issuerUri();
            // Discovery on the first request, so the service starts while the identity provider is unreachable.
            return new SupplierJwtDecoder(() -> configured(NimbusJwtDecoder.withIssuerLocation(issuer).build(),
                    properties, issuer, clock));
        }
        if (properties.hasLocalKey()) {
            return configured(NimbusJwtDecoder.withPublicKey(rsaKey(properties.localPublicKey())).build(), properties,
                    LOCAL_ISSUER, clock);
        }
        throw new IllegalStateException("no token issuer is configured: set DOCKET_AUTH_ISSUER_URI, or "
                + "DOCKET_AUTH_JWK_SET_URI with DOCKET_AUTH_ISSUER" + (production ? "" : ", or for a local run "
                + "DOCKET_AUTH_LOCAL_PUBLIC_KEY (./docket up sets it)"));
    }

    /**
     * The validators, and the claims kept as they come: Spring's default turns {@code iss} into a URL, which costs an
     * exception per request for an issuer that is not one ({@code urn:docket:local}); the issuer check compares
     * text either way.
     */
    private static NimbusJwtDecoder configured(NimbusJwtDecoder decoder, AuthProperties properties, String issuer,
                                               Clock clock) {
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, claim -> claim == null ? null : claim.toString())));
        decoder.setJwtValidator(validator(properties, issuer, clock));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(AuthProperties properties, String issuer, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // a token without an expiry would be valid forever: exp is required, then checked with the skew
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        validators.add(timestamps);
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(TokenDecoders::validSubject);
        if (properties.audience() != null) {
            String audience = properties.audience();
            validators.add(new JwtClaimValidator<Collection<String>>("aud",
                    aud -> aud != null && aud.contains(audience)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidatorResult validSubject(Jwt jwt) {
        if (rawSubject(jwt) instanceof String subject && SUBJECT.matcher(subject).matches()
                && !subject.startsWith(RESERVED_SUBJECT_PREFIX)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                "the token's subject must be a string of 1 to 255 printable ASCII characters, not starting with "
                        + RESERVED_SUBJECT_PREFIX, null));
    }

    /**
     * The {@code sub} claim as the token's JSON has it: the JWT library turns a number there into text, and a
     * subject must be a string (RFC 7519, section 4.1.2).
     */
    private static Object rawSubject(Jwt jwt) {
        try {
            return SignedJWT.parse(jwt.getTokenValue()).getPayload().toJSONObject().get(JwtClaimNames.SUB);
        } catch (ParseException e) {
            return null;
        }
    }

    private static RSAPublicKey rsaKey(String base64) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("docket.auth.local-public-key is not a base64 X.509 RSA public key", e);
        }
    }
}
