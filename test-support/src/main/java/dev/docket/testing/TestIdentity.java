package dev.docket.testing;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;

import java.time.Duration;
import java.util.List;

/**
 * The identity provider of the tests: one set of local keys per test JVM, which every service under test trusts
 * ({@link DocketTestInfrastructure} hands it the token key), and tokens minted with them.
 */
public final class TestIdentity {

    /** The caller tests act as unless they say otherwise: an admin, who may do everything but audit. */
    public static final String ADMIN = "test-admin";

    private static final LocalKeys KEYS = LocalKeys.generate();
    private static final LocalTokens TOKENS = new LocalTokens(KEYS.tokenPrivateKey());

    private TestIdentity() {
    }

    public static LocalKeys keys() {
        return KEYS;
    }

    public static LocalTokens tokens() {
        return TOKENS;
    }

    /** An {@code Authorization} header value for {@code subject} with {@code roles}, valid for an hour. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + TOKENS.mint(subject, List.of(roles), Duration.ofHours(1));
    }

    /** The default caller's {@code Authorization} header value. */
    public static String admin() {
        return bearer(ADMIN, "admin");
    }
}
