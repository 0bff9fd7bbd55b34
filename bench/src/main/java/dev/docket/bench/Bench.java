package dev.docket.bench;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' entry point: {@code query}, {@code command}, {@code history}, {@code console} or {@code mcp}, then that benchmark's {@code --options}. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "query" -> QueryBenchmark.main(rest);
            case "command" -> CommandBenchmark.main(rest);
            case "history" -> HistoryBenchmark.main(rest);
            case "console" -> ConsoleBenchmark.main(rest);
            case "mcp" -> McpBenchmark.main(rest);
            default -> {
                System.err.println("usage: bench query|command|history|console|mcp [--option=value ...] (see bench/README.md)");
                System.exit(2);
            }
        }
    }

    /** {@code --name=value} and {@code --flag} arguments. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        return options;
    }
}
