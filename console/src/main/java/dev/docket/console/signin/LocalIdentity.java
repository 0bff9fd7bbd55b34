package dev.docket.console.signin;

import dev.docket.console.ConsoleProperties;
import dev.docket.identity.local.LocalTokens;
import org.springframework.stereotype.Component;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local identity of {@code ./docket up}: with its signing key the console mints the token of whomever one picks
 * on the sign-in page, as {@code ./docket token} would. Absent everywhere else.
 */
@Component
public class LocalIdentity {

    private final Optional<LocalTokens> tokens;
    private final Duration lifetime;

    LocalIdentity(ConsoleProperties properties) {
        this.lifetime = properties.localTokenLifetime();
        this.tokens = Optional.ofNullable(properties.localSigningKey()).map(LocalIdentity::tokens);
    }

    public boolean active() {
        return tokens.isPresent();
    }

    /** A person of the local identity, signed in with {@code role}. */
    public ConsoleUser signIn(String subject, String displayName, String role) {
        LocalTokens issuer = tokens.orElseThrow(() -> new IllegalStateException("no local identity here"));
        Instant expires = Instant.now().plus(lifetime);
        return new ConsoleUser(subject, displayName, Set.of(role), issuer.mint(subject, List.of(role), lifetime),
                expires);
    }

    /** A short-lived admin token of the console itself, for what the sign-in page lists and registers. */
    public String consoleAdminToken() {
        LocalTokens issuer = tokens.orElseThrow(() -> new IllegalStateException("no local identity here"));
        return issuer.mint("docket-console", List.of("admin"), Duration.ofMinutes(5));
    }

    private static LocalTokens tokens(String base64) {
        try {
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new LocalTokens(key);
        } catch (Exception e) {
            throw new IllegalStateException("docket.console.local-signing-key is not a base64 PKCS#8 RSA key", e);
        }
    }
}
