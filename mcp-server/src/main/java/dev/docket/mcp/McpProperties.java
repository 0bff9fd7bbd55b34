package dev.docket.mcp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commandBaseUrl where the command API answers
 * @param queryBaseUrl   where the query API answers
 * @param writes         which changing tools this deployment offers: {@code none} (the default: read-only),
 *                       {@code all}, or a comma-separated list of tool names; roles decide among those
 */
@ConfigurationProperties("docket.mcp")
public record McpProperties(String commandBaseUrl, String queryBaseUrl, String writes) {

    public McpProperties {
        commandBaseUrl = commandBaseUrl == null || commandBaseUrl.isBlank() ? "http://localhost:8081" : commandBaseUrl;
        queryBaseUrl = queryBaseUrl == null || queryBaseUrl.isBlank() ? "http://localhost:8082" : queryBaseUrl;
        writes = writes == null ? "none" : writes;
    }
}
