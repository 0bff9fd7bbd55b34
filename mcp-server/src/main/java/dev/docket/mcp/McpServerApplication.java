package dev.docket.mcp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.List;

/**
 * Docket's MCP server. By default a web service answering MCP over Streamable HTTP at {@code /mcp}; with
 * {@code --stdio}, one desktop client's server on standard input and output ({@link StdioServer}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class McpServerApplication {

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--stdio")) {
            System.exit(StdioServer.run(System.getenv()));
        }
        SpringApplication.run(McpServerApplication.class, args);
    }

    static String version() {
        String version = McpServerApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
