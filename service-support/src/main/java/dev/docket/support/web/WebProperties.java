package dev.docket.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings shared by both services.
 *
 * @param maxBodySize largest accepted non-multipart request body (JSON); larger bodies are answered 413
 */
@ConfigurationProperties("docket.http")
public record WebProperties(DataSize maxBodySize) {

    public WebProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
    }
}
