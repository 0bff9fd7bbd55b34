package dev.docket.launcher;

import java.io.IOException;
import java.net.URI;
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
        return ReportCall.run("POST", URI.create(url + "/api/admin/consistency-check"),
                ReportCall.bearer(token, settings, "admin"), "\"divergences\":0,",
                report -> "Docket: the read models agree with the event store.",
                "Docket: the read models DIVERGE from the event store; items lists each difference.");
    }
}
