package dev.docket.launcher;

import dev.docket.identity.local.LocalKeys;
import dev.docket.identity.local.LocalTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code ./docket verify} and {@code ./docket check} share: one call to a service that answers a report,
 * printed as it came, and an exit code: 0 when the report contains {@code good}, 1 when not, 2 when the call did
 * not answer 200.
 */
final class ReportCall {

    private ReportCall() {
    }

    /**
     * The caller's token: {@code DOCKET_TOKEN} when set; otherwise one signed with the local key for {@code role},
     * which only a local run trusts.
     */
    static String bearer(String token, LocalSettings settings, String role) {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        return new LocalTokens(LocalKeys.loadOrCreate(settings.home().resolve(TokenCommand.KEYS_DIRECTORY))
                .tokenPrivateKey()).mint("docket-cli-" + role, List.of(role), Duration.ofMinutes(30));
    }

    /** @param goodMessage what to say, given the report, when it contains {@code good} */
    static int run(String method, URI uri, String bearer, String good, Function<String, String> goodMessage,
                   String badMessage) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofHours(2))
                    .header("Authorization", "Bearer " + bearer)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
        System.out.println(response.body());
        if (response.statusCode() != 200) {
            System.err.println("Docket: the check did not run (HTTP " + response.statusCode() + ")");
            return 2;
        }
        boolean ok = response.body().contains(good);
        System.err.println(ok ? goodMessage.apply(response.body()) : badMessage);
        return ok ? 0 : 1;
    }
}
