package dev.docket.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./docket mcp}: Docket's MCP server for one desktop client on standard input and output (the client starts
 * it as a command), against the APIs of a running {@code ./docket up}. The server runs in a process of its own, with
 * this one's standard streams, so that nothing but the protocol reaches standard output.
 */
final class McpCommand {

    private McpCommand() {
    }

    static int run(List<String> arguments, LocalSettings settings, Map<String, String> environment)
            throws IOException {
        String token = arguments.isEmpty() ? environment.getOrDefault("DOCKET_TOKEN", "")
                : TokenCommand.run(arguments, settings.home());
        if (token.isBlank()) {
            System.err.println("Docket: ./docket mcp acts as someone: set DOCKET_TOKEN to their bearer token, or "
                    + "name them for a local token: ./docket mcp --user <subject> --role agent");
            return 2;
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString())));
        command.addAll(List.of("-Xms32m", "-Xmx256m", "-jar",
                Docket.jar(settings.repository(), "mcp-server").toString(), "--stdio"));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(Map.of(
                "DOCKET_TOKEN", token,
                "DOCKET_COMMAND_BASE_URL", "http://localhost:" + settings.commandPort(),
                "DOCKET_QUERY_BASE_URL", "http://localhost:" + settings.queryPort()));
        Process server = builder.start();
        try {
            return server.waitFor();
        } catch (InterruptedException e) {
            server.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
