package dev.docket.identity.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints bearer tokens the way an identity provider would, signed with the local token key and issued by
 * {@value #ISSUER}. The services trust this issuer only when they are given the local key, which the production
 * profile refuses.
 */
public final class LocalTokens {

    /** The issuer of every local token; no production configuration names it. */
    public static final String ISSUER = "urn:docket:local";
    /** The claim that carries the caller's roles, as the services read it by default. */
    public static final String ROLES_CLAIM = "roles";

    private final RSAPrivateKey signingKey;

    public LocalTokens(RSAPrivateKey signingKey) {
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code lifetime} from now. */
    public String mint(String subject, List<String> roles, Duration lifetime) {
        return mint(ISSUER, subject, roles, lifetime);
    }

    /** A token from another issuer; for tests that play an identity provider. */
    public String mint(String issuer, String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim(ROLES_CLAIM, List.copyOf(roles))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
