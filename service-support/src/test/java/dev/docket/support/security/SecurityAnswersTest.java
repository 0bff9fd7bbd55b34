package dev.docket.support.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a caller without a valid token, or without the role, gets: problem details, never the resource. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = SecuredApp.class,
        properties = "management.endpoints.web.exposure.include=health,info")
class SecurityAnswersTest extends LocallySigned {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidTokenMakesItsSubjectTheCallerWithTheRolesDocketKnows() throws Exception {
        HttpResponse<String> response = get("/whoami", token("ana", List.of("agent", "auditor", "superuser")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode caller = json.readTree(response.body());
        assertThat(caller.get("subject").asString()).isEqualTo("ana");
        assertThat(caller.get("roles").toString()).isEqualTo("[\"agent\",\"auditor\"]");
    }

    @Test
    void noTokenIs401WithTheBearerChallenge() throws Exception {
        HttpResponse<String> response = get("/whoami", null);

        problem(response, 401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo("A bearer token is required.");
    }

    @Test
    void everyKindOfBadTokenIs401WithoutSayingMore() throws Exception {
        LocalTokens otherKey = new LocalTokens(LocalKeys.generate().tokenPrivateKey());
        List<String> bad = List.of(
                "not-a-jwt",
                TOKENS.mint("ana", List.of("agent"), Duration.ofMinutes(-5)),
                otherKey.mint("ana", List.of("agent"), Duration.ofHours(1)),
                TOKENS.mint("https://idp.example.test", "ana", List.of("agent"), Duration.ofHours(1)),
                TOKENS.mint("ana smith", List.of("agent"), Duration.ofHours(1)),
                TOKENS.mint("x".repeat(256), List.of("agent"), Duration.ofHours(1)));
        for (String token : bad) {
            HttpResponse<String> response = get("/whoami", "Bearer " + token);
            problem(response, 401, "UNAUTHENTICATED");
            assertThat(response.body()).as("no internals").doesNotContain("Exception").doesNotContain("Jwt");
        }
    }

    @Test
    void aTokenWithoutExpiryOrWithANumericSubjectIs401() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().issuer(LocalTokens.ISSUER).subject("ana")
                .claim("roles", List.of("agent")).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
        assertThat(get("/whoami", "Bearer " + signed(valid.build())).statusCode()).isEqualTo(200);

        problem(get("/whoami", "Bearer " + signed(new JWTClaimsSet.Builder(valid.build()).expirationTime(null)
                .build())), 401, "UNAUTHENTICATED");
        problem(get("/whoami", "Bearer " + signed(new JWTClaimsSet.Builder(valid.build()).subject(null)
                .claim("sub", 42).build())), 401, "UNAUTHENTICATED");
        // Docket's own jobs act as docket:...; no token may pass for one
        problem(get("/whoami", "Bearer " + signed(new JWTClaimsSet.Builder(valid.build()).subject("docket:sla")
                .build())), 401, "UNAUTHENTICATED");
    }

    @Test
    void roleNamesAreMatchedExactly() throws Exception {
        for (String role : List.of("AGENT", "Agent", " agent", "agent ")) {
            problem(get("/agents-only", token("ana", List.of(role))), 403, "FORBIDDEN");
        }
    }

    @Test
    void anUnknownMethodIs405OnceAuthenticatedAnd401Before() throws Exception {
        HttpResponse<String> query = send("QUERY", "/whoami", token("ana", List.of("agent")), null);
        problem(query, 405, "METHOD_NOT_ALLOWED");
        assertThat(query.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        problem(send("PROPFIND", "/whoami", token("ana", List.of("agent")), null), 405, "METHOD_NOT_ALLOWED");
        problem(send("QUERY", "/whoami", null, null), 401, "UNAUTHENTICATED");
    }

    @Test
    void aMalformedCorrelationIdWithoutATokenIs401First() throws Exception {
        problem(send("GET", "/whoami", null, "has space"), 401, "UNAUTHENTICATED");
        problem(send("GET", "/whoami", token("ana", List.of("agent")), "has space"), 400, "VALIDATION_FAILED");
    }

    @Test
    void aMissingRoleIs403() throws Exception {
        problem(get("/agents-only", token("ana", List.of("requester"))), 403, "FORBIDDEN");
        assertThat(get("/agents-only", token("ana", List.of("agent"))).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsOpenAndTheOtherActuatorEndpointsAreForAdmins() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        problem(get("/actuator/info", null), 401, "UNAUTHENTICATED");
        problem(get("/actuator/info", token("ana", List.of("agent"))), 403, "FORBIDDEN");
        assertThat(get("/actuator/info", token("root", List.of("admin"))).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionAndItsUiArePublicAndTheUiMayLoadOnlyItsOwnAssets() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs", null);
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        assertThat(json.readTree(document.body()).at("/components/securitySchemes/bearer/bearerFormat").asString())
                .isEqualTo("JWT");
        HttpResponse<String> ui = get("/swagger-ui/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("*"));
    }

    @Test
    void answersCarryTheStandardSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(get("/whoami", token("ana", List.of("agent"))), get("/whoami", null))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .contains("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    private void problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private static String token(String subject, List<String> roles) {
        return bearer(subject, roles.toArray(String[]::new));
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(KEYS.tokenPrivateKey()));
        return jwt.serialize();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, authorization, null);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String correlationId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
