package dev.docket.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (arguments.contains("--export")) {
            return verifyExport(arguments);
        }
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

    /**
     * {@code --export FILE [--public-key FILE]}: checks an audit export offline, against the auditor's copy of the
     * checkpoint public key (PEM or base64) or, without one, the key the file names (whose fingerprint it prints).
     */
    static int verifyExport(List<String> arguments) throws IOException {
        Path file = null;
        java.security.PublicKey trusted = null;
        for (int i = 0; i < arguments.size(); i += 2) {
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException(arguments.get(i) + " needs a value");
            }
            switch (arguments.get(i)) {
                case "--export" -> file = Path.of(arguments.get(i + 1));
                case "--public-key" -> {
                    trusted = ExportVerifier.publicKey(Files.readString(Path.of(arguments.get(i + 1))));
                    if (trusted == null) {
                        throw new IllegalArgumentException(arguments.get(i + 1) + " holds no Ed25519 public key "
                                + "(PEM, or base64 of its X.509 DER)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arguments.get(i)
                        + "; usage: ./docket verify --export <file> [--public-key <file>]");
            }
        }
        ExportVerifier.Report report;
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            report = ExportVerifier.verify(in, trusted);
        }
        String key = report.keyFromFile()
                ? "the key the file names (SHA-256 of its DER: " + report.keySha256() + "); compare it with your own "
                + "copy, or pass --public-key <file>"
                : "your key (SHA-256 of its DER: " + report.keySha256() + ")";
        if (report.intact()) {
            System.out.println("Docket: the export " + file + " is intact: " + report.events() + " events of "
                    + report.aggregates() + " aggregates, each chain complete from its first event, "
                    + report.checkpoints() + " signed checkpoints; sealed at " + report.exportedAt() + " ("
                    + report.scope() + "). Signatures checked against " + key + ".");
            return 0;
        }
        System.out.println("Docket: the export " + file + " is NOT intact (signatures checked against " + key + "):");
        report.problems().forEach(problem -> System.out.println("  " + problem));
        return 1;
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
