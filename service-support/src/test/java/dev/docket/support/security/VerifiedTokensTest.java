package dev.docket.support.security;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import dev.docket.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token's signature is checked once; what the checks refuse stays refused. */
class VerifiedTokensTest {

    private static final LocalKeys KEYS = LocalKeys.generate();
    private static final LocalTokens TOKENS = new LocalTokens(KEYS.tokenPrivateKey());
    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(Instant.now());
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicBoolean keyWithdrawn = new AtomicBoolean();

    private final JwtDecoder localKey = TokenDecoders.verifier(properties(), new MockEnvironment(), clock);
    /** The real decoder for the local key, counting its verifications; refusing everything once the key is withdrawn. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (keyWithdrawn.get()) {
            throw new BadJwtException("signed by a key no longer in the key set");
        }
        return localKey.decode(token);
    };
    private final VerifiedTokens decoder = new VerifiedTokens(verifier, clock, MAX_AGE, 100);

    @Test
    void aTokenSentAgainIsAcceptedWithoutVerifyingItsSignatureAgain() {
        String token = TOKENS.mint("ana", List.of("agent"), Duration.ofHours(1));

        Jwt first = decoder.decode(token);
        clock.advance(Duration.ofSeconds(30));
        Jwt second = decoder.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(second.getSubject()).isEqualTo("ana");
        assertThat(second.getClaimAsStringList("roles")).containsExactly("agent");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theIssuerStaysTheTextItWasSignedWith() {
        Jwt jwt = decoder.decode(TOKENS.mint("ana", List.of("agent"), Duration.ofHours(1)));

        assertThat(jwt.getClaimAsString("iss")).isEqualTo(LocalTokens.ISSUER);
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItHasExpired() {
        String token = TOKENS.mint("ana", List.of("agent"), Duration.ofSeconds(30));
        decoder.decode(token);

        // past exp and the 60 s of accepted clock skew
        clock.advance(Duration.ofSeconds(30 + 61));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenIsRememberedOnlyUntilItsExpiryEvenWithinTheMaximumAge() {
        String token = TOKENS.mint("ana", List.of("agent"), Duration.ofSeconds(10));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(11));
        decoder.decode(token); // within the skew: still valid, but verified again

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aWithdrawnSigningKeyStopsWorkingOnceTheMaximumAgeHasPassed() {
        String token = TOKENS.mint("ana", List.of("agent"), Duration.ofHours(1));
        decoder.decode(token);
        keyWithdrawn.set(true);

        clock.advance(MAX_AGE.minusSeconds(1));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("ana");
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRefusedTokenIsCheckedAgainEveryTime() {
        String foreign = new LocalTokens(LocalKeys.generate().tokenPrivateKey())
                .mint("ana", List.of("admin"), Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(JwtException.class);
        }

        assertThat(verifications).hasValue(3);
    }

    @Test
    void twoTokensOfTheSameSubjectAreRememberedApart() {
        String agent = TOKENS.mint("ana", List.of("agent"), Duration.ofHours(1));
        String admin = TOKENS.mint("ana", List.of("admin"), Duration.ofHours(2));

        assertThat(decoder.decode(agent).getClaimAsStringList("roles")).containsExactly("agent");
        assertThat(decoder.decode(admin).getClaimAsStringList("roles")).containsExactly("admin");
        assertThat(decoder.decode(agent).getClaimAsStringList("roles")).containsExactly("agent");
    }

    private static AuthProperties properties() {
        return new AuthProperties(null, null, null, null, KEYS.tokenPublicKeyBase64(), "roles", Duration.ofSeconds(60),
                false, MAX_AGE, 100);
    }

}
