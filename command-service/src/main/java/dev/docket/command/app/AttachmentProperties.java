package dev.docket.command.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize the largest attachment accepted, 10 MiB by default; larger uploads answer 413. The multipart
 *                parser enforces the same limit while the upload streams in (see application.yml).
 */
@ConfigurationProperties("docket.attachments")
public record AttachmentProperties(DataSize maxSize) {

    public AttachmentProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
    }
}
