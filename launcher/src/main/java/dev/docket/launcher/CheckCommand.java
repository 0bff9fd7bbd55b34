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

/**
 * {@code ./docket check [--url <query service>]}: asks the query service to compare the event store with every read
 * model, ticket by ticket, prints its report, and exits 0 when nothing diverges, 1 when something does, 2 when the
 * check could not run. Against a local run it signs its own admin token; elsewhere it takes one from
 * {@code DOCKET_TOKEN}.
 */
final class CheckCommand {

    private CheckCommand() {
    }

    static int run(List<String> arguments, LocalSettings settings, String token) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + settings.queryPort();
        for (int i = 0; i < arguments.size(); i += 2) {
            if (!arguments.get(i).equals("--url") || i + 1 >= arguments.size()) {
                throw new IllegalArgumentException("usage: ./docket check [--url <query service URL>]");
            }
            url = arguments.get(i + 1);
        }
        String bearer = token != null && !token.isBlank() ? token.strip()
                : new LocalTokens(LocalKeys.loadOrCreate(settings.home().resolve(TokenCommand.KEYS_DIRECTORY))
                .tokenPrivateKey()).mint("docket-cli-admin", List.of("admin"), Duration.ofMinutes(30));
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/admin/consistency-check"))
                    .timeout(Duration.ofHours(2)).header("Authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
        System.out.println(response.body());
        if (response.statusCode() != 200) {
            System.err.println("Docket: the check did not run (HTTP " + response.statusCode() + ")");
            return 2;
        }
        boolean consistent = response.body().contains("\"divergences\":0,");
        System.err.println(consistent ? "Docket: the read models agree with the event store."
                : "Docket: the read models DIVERGE from the event store; items lists each difference.");
        return consistent ? 0 : 1;
    }
}
