package dev.docket.support.security;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;

/** A test of an application behind the shared security, trusting a key of its own; extend it for tokens. */
public abstract class LocallySigned {

    protected static final LocalKeys KEYS = LocalKeys.generate();
    protected static final LocalTokens TOKENS = new LocalTokens(KEYS.tokenPrivateKey());

    @DynamicPropertySource
    static void localKey(DynamicPropertyRegistry registry) {
        registry.add("docket.auth.local-public-key", KEYS::tokenPublicKeyBase64);
    }

    /** An {@code Authorization} value for {@code subject} with {@code roles}, valid for an hour. */
    protected static String bearer(String subject, String... roles) {
        return "Bearer " + TOKENS.mint(subject, List.of(roles), Duration.ofHours(1));
    }
}
