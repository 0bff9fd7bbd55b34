package dev.docket.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code ./docket verify [--ticket <id>] [--url <command service>]}: asks the command service to verify the audit
 * chain (one ticket, or the whole store) against the signed checkpoints, prints its report, and exits 0 when the
 * history is intact, 1 when it is not, 2 when the check could not run. Against a local run it signs its own auditor
 * token; elsewhere it takes one from {@code DOCKET_TOKEN}.
 */
final class VerifyCommand {

    private VerifyCommand() {
    }

    static int run(List<String> arguments, LocalSettings settings, String token) throws IOException, InterruptedException {
        String ticket = null;
        String url = "http://127.0.0.1:" + settings.commandPort();
        for (int i = 0; i < arguments.size(); i += 2) {
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException(arguments.get(i) + " needs a value");
            }
            switch (arguments.get(i)) {
                case "--ticket" -> ticket = arguments.get(i + 1);
                case "--url" -> url = arguments.get(i + 1);
                default -> throw new IllegalArgumentException("unknown option " + arguments.get(i)
                        + "; usage: ./docket verify [--ticket <id>] [--url <command service URL>]");
            }
        }
        URI uri = URI.create(url + "/api/audit/verify"
                + (ticket == null ? "" : "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)));
        return ReportCall.run("GET", uri, ReportCall.bearer(token, settings, "auditor"), "\"intact\":true",
                VerifyCommand::intact, "Docket: the audit trail is NOT intact; firstBreak names the "
                        + "ticket and sequence number where it breaks.");
    }

    /** Intact; and, while no signed checkpoint covers the events yet, why the report says so. */
    static String intact(String report) {
        String intact = "Docket: the audit trail is intact.";
        if (report.contains("\"verified\":false") || report.contains("\"anchored\":0")) {
            intact += " No signed checkpoint vouches for these events yet (\"verified\":false or \"anchored\":0): "
                    + "checkpoints are published every DOCKET_CHECKPOINT_INTERVAL (1 minute by default), the first "
                    + "within a minute of the first event. Until then each chain is checked against its own hashes "
                    + "only; run ./docket verify again in a minute to have them anchored.";
        }
        return intact;
    }
}
