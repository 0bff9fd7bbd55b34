package dev.docket.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * @param queryBaseUrl where clients read tickets (the query service, or the gateway in front of both services);
 *                     the {@code Location} of a new ticket points there
 */
@ConfigurationProperties("docket.command")
record CommandApiProperties(URI queryBaseUrl) {

    CommandApiProperties {
        queryBaseUrl = queryBaseUrl == null ? URI.create("http://localhost:8082") : queryBaseUrl;
    }
}
