package dev.docket.e2e;

import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A test class that runs against both packaged services, started once for the class. */
@ExtendWith(AgainstRunningPlatform.Platforms.class)
abstract class AgainstRunningPlatform {

    static RunningPlatform platform;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every {@code /api} answer it receives is held to its service's OpenAPI document; see {@link #answersKept}. */
    final CheckedHttpClient http = new CheckedHttpClient();

    /** A request as the default caller, an admin (who also works tickets). */
    static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", TestIdentity.admin());
    }

    /** Sends {@code body} as JSON to the command service's {@code path}, as the default caller. */
    HttpResponse<String> sendToCommand(String method, String path, String body) throws Exception {
        return http.send(authorized(URI.create(platform.commandUrl(path))).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a person (as the default caller) and waits until the query side lists them; answers their id. */
    String registerPerson(String name, String email, String role) throws Exception {
        String id = okJson(sendToCommand("POST", "/api/users", """
                {"email":"%s","displayName":"%s","role":"%s"}""".formatted(email, name, role))).get("id").asString();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> http.send(authorized(
                URI.create(platform.queryUrl("/api/people?q=" + java.net.URLEncoder.encode(email,
                        java.nio.charset.StandardCharsets.UTF_8)))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().contains(id));
        return id;
    }

    /** The body of a 2xx answer, as JSON. */
    static JsonNode okJson(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Fails the test during which an answer broke its service's OpenAPI document. */
    @AfterEach
    void answersKept() {
        assertThat(http.broken()).as("answers that break the OpenAPI document").isEmpty();
    }

    /**
     * Starts each class's platform before its tests, or hands a class marked {@link SharesPlatform} the one started
     * for all such classes, which the test run closes when it ends (it is kept in JUnit's root store).
     */
    static final class Platforms implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            if (shares(context)) {
                platform = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .computeIfAbsent(SharesPlatform.class, key -> start(), RunningPlatform.class);
            } else {
                platform = new RunningPlatform();
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (platform != null && !shares(context)) {
                platform.close();
            }
            platform = null;
        }

        private static boolean shares(ExtensionContext context) {
            return context.getRequiredTestClass().isAnnotationPresent(SharesPlatform.class);
        }

        private static RunningPlatform start() {
            try {
                return new RunningPlatform();
            } catch (Exception e) {
                throw new IllegalStateException("The shared platform did not start", e);
            }
        }
    }
}
