package dev.docket.e2e;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.docket.testing.TestIdentity;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider for the tests, on the JDK's HTTP server: discovery, a key set, an authorization endpoint
 * that signs in whoever the test says (no page), and a token endpoint that checks the client's secret, the redirect
 * and the PKCE verifier (S256) before it answers. Its access tokens are the test identity's (the one the services
 * trust); its ID tokens are signed with the same key, published at {@code /jwks}, and carry the nonce the client
 * sent unless the test asks for a wrong one.
 */
final class OpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "docket-console";
    static final String CLIENT_SECRET = "console-secret-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Who signs in next, as the provider knows them. */
    record Person(String subject, String name, List<String> roles) {
    }

    /** What the authorization endpoint was asked, kept for the token endpoint to check. */
    private record Grant(Person person, String clientId, String redirectUri, String challenge, String method,
                         String nonce) {
    }

    private final HttpServer server;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    /** Each token request's outcome: "issued", or why it was refused. */
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile Person next;
    private volatile boolean wrongNonce;

    OpenIdProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, 200, Map.of(
                "issuer", issuer(),
                "authorization_endpoint", issuer() + "/authorize",
                "token_endpoint", issuer() + "/token",
                "jwks_uri", issuer() + "/jwks",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "code_challenge_methods_supported", List.of("S256"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic"))));
        server.createContext("/jwks", exchange -> json(exchange, 200, Map.of("keys", List.of(
                new RSAKey.Builder(TestIdentity.keys().tokenPublicKey()).keyID("test").build().toJSONObject()))));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The person the next sign-in is for; with {@code wrongNonce}, their ID token names another sign-in's nonce. */
    void signInNext(Person person, boolean wrongNonce) {
        this.next = person;
        this.wrongNonce = wrongNonce;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!"code".equals(query.get("response_type")) || !CLIENT_ID.equals(query.get("client_id"))
                || query.get("code_challenge") == null) {
            json(exchange, 400, Map.of("error", "invalid_request", "error_description",
                    "code flow with PKCE expected: " + query));
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(next, query.get("client_id"), query.get("redirect_uri"),
                query.get("code_challenge"), query.getOrDefault("code_challenge_method", "plain"),
                query.getOrDefault("nonce", "")));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Grant grant = body.get("code") == null ? null : grants.remove(body.get("code"));
        String refusal = !basic.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? "client not authenticated"
                : grant == null ? "unknown or used code"
                : !grant.redirectUri().equals(body.get("redirect_uri")) ? "another redirect_uri"
                : !"S256".equals(grant.method()) ? "PKCE method " + grant.method()
                : body.get("code_verifier") == null || !grant.challenge().equals(s256(body.get("code_verifier")))
                ? "PKCE verifier does not match" : null;
        if (refusal != null) {
            tokenRequests.add(refusal);
            json(exchange, 400, Map.of("error", "invalid_grant", "error_description", refusal));
            return;
        }
        tokenRequests.add("issued");
        Person person = grant.person();
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", TestIdentity.tokens().mint(person.subject(), person.roles(), Duration.ofHours(1)));
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", 3600);
        tokens.put("scope", "openid profile email");
        tokens.put("id_token", idToken(person, grant.clientId(), wrongNonce ? "not-" + grant.nonce() : grant.nonce()));
        json(exchange, 200, tokens);
    }

    private String idToken(Person person, String audience, String nonce) {
        Instant now = Instant.now();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test")
                    .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder()
                    .issuer(issuer()).subject(person.subject()).audience(audience)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                    .claim("nonce", nonce).claim("name", person.name()).build());
            jwt.sign(new RSASSASigner(TestIdentity.keys().tokenPrivateKey()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
