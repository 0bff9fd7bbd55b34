package dev.docket.support.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production profile trusts only the identity provider: it refuses to start with the local key, and a token
 * made the way {@code ./docket token} makes it is rejected, even one signed with a key the provider also uses.
 */
class ProductionProfileTest {

    private static final String ISSUER = "https://idp.example.test/realms/docket";
    private static final LocalKeys IDP = LocalKeys.generate();
    private static HttpServer jwks;

    @BeforeAll
    static void identityProvider() throws Exception {
        byte[] keySet = new JWKSet(new RSAKey.Builder(IDP.tokenPublicKey()).keyID("idp-1").build()).toString()
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void refusesToStartWithTheLocalKey() {
        assertThatThrownBy(() -> start("--docket.auth.local-public-key=" + LocalKeys.generate().tokenPublicKeyBase64()).close())
                .hasStackTraceContaining("refused in the production profile");
    }

    @Test
    void refusesToStartWithoutAnIdentityProvider() {
        assertThatThrownBy(() -> start().close()).hasStackTraceContaining("no token issuer is configured");
    }

    @Test
    void acceptsTheProvidersTokensAndRejectsLocalOnes() throws Exception {
        try (ConfigurableApplicationContext context = start(
                "--docket.auth.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                "--docket.auth.issuer=" + ISSUER)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            LocalTokens signedByIdp = new LocalTokens(IDP.tokenPrivateKey());

            assertThat(whoami(port, signedByIdp.mint(ISSUER, "ana", List.of("agent"), Duration.ofHours(1))))
                    .isEqualTo(200);
            // What ./docket token prints: the local issuer, the local key.
            String local = new LocalTokens(LocalKeys.generate().tokenPrivateKey())
                    .mint("ana", List.of("admin"), Duration.ofHours(1));
            assertThat(whoami(port, local)).isEqualTo(401);
            // Even signed with the provider's own key, the local issuer is not the provider.
            assertThat(whoami(port, signedByIdp.mint("ana", List.of("admin"), Duration.ofHours(1)))).isEqualTo(401);
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logsStructuredJsonLines(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(
                "--docket.auth.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                "--docket.auth.issuer=" + ISSUER)) {
            assertThat(context.isRunning()).isTrue();
        }
        List<String> json = output.getOut().lines().filter(line -> line.startsWith("{")).toList();
        assertThat(json).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"@timestamp\"")
                .contains("\"log\":{\"level\"").contains("\"ecs\":{\"version\"").endsWith("}"));
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return new SpringApplicationBuilder(SecuredApp.class).profiles("production").run(all);
    }

    private static int whoami(int port, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
