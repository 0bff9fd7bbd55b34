package dev.docket.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.docket.support.digest.Digests;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;

/**
 * Remembers tokens that passed verification, so a client that sends the same token with every request pays for
 * the signature check once, not per request (an RSA verification was a fifth of a command's CPU). A remembered
 * token is accepted until the earlier of its own {@code exp} and {@code maxAge} after it was verified; then it is
 * verified again, so a signing key withdrawn from the identity provider's key set stops working within
 * {@code maxAge} of the decoder noticing. Only successes are remembered: a refused token is checked afresh each time.
 * Entries are keyed by the token's SHA-256, so the cache holds no bearer credential.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock, Duration maxAge, long maximumSize) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxAge = maxAge;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .expireAfter(Expiry.creating((String key, Jwt jwt) -> lifetime(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = Digests.sha256Hex(token);
        Jwt known = verified.getIfPresent(key);
        if (known != null && known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(key, jwt);
        }
        return jwt;
    }

    /** Until the token expires, and at most {@code maxAge}. */
    private Duration lifetime(Jwt jwt) {
        Duration untilExpiry = Duration.between(clock.instant(), jwt.getExpiresAt());
        return untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
    }

}
