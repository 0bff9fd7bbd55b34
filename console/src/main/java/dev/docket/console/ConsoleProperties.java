package dev.docket.console;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param commandBaseUrl   where the command API answers
 * @param queryBaseUrl     where the query API answers
 * @param localSigningKey  the local identity's token signing key (base64 PKCS#8 RSA), given by {@code ./docket up}
 *                         only: with it the console offers the local sign-in (pick a person and a role); without it,
 *                         only the configured OpenID Connect provider signs people in
 * @param localTokenLifetime how long a local sign-in lasts
 */
@ConfigurationProperties("docket.console")
public record ConsoleProperties(String commandBaseUrl, String queryBaseUrl, @Nullable String localSigningKey,
                                Duration localTokenLifetime) {

    public ConsoleProperties {
        commandBaseUrl = commandBaseUrl == null ? "http://localhost:8081" : commandBaseUrl;
        queryBaseUrl = queryBaseUrl == null ? "http://localhost:8082" : queryBaseUrl;
        localSigningKey = localSigningKey == null || localSigningKey.isBlank() ? null : localSigningKey.strip();
        localTokenLifetime = localTokenLifetime == null ? Duration.ofHours(8) : localTokenLifetime;
    }

    public boolean localSignIn() {
        return localSigningKey != null;
    }
}
