package dev.docket.mcp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/**
 * Docket's MCP server. By default a web service answering MCP over Streamable HTTP at {@code /mcp}; with
 * {@code --stdio}, one desktop client's server on standard input and output ({@link StdioServer}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class McpServerApplication {

    public static void main(String[] args) {
        if (List.of(args).contains("--stdio")) {
            // no web server; the profile sends every log line to standard error, which the protocol leaves free
            ConfigurableApplicationContext stdio = new SpringApplicationBuilder(McpServerApplication.class)
                    .web(WebApplicationType.NONE).profiles(StdioServer.PROFILE).run(args);
            System.exit(SpringApplication.exit(stdio));
        }
        SpringApplication.run(McpServerApplication.class, args);
    }

    static String version() {
        String version = McpServerApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
