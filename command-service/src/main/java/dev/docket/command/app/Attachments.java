package dev.docket.command.app;

import dev.docket.command.rules.TextRules;
import dev.docket.command.ticket.AddAttachment;
import dev.docket.command.ticket.TicketChange;
import dev.docket.command.ticket.TicketRules;
import dev.docket.events.AttachmentId;
import dev.docket.events.ErrorCode;
import dev.docket.events.TicketId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Attachment content in PostgreSQL, addressed by SHA-256. The content row, the attachment row and the event commit
 * in one transaction: a refused or failed upload leaves nothing behind, and identical content is stored once.
 */
@Service
public class Attachments {

    private final Commands commands;
    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final AttachmentProperties properties;
    private final TicketRequesters requesters;

    Attachments(Commands commands, JdbcTemplate jdbcTemplate, JdbcClient jdbc,
                AttachmentProperties properties, TicketRequesters requesters) {
        this.commands = commands;
        this.requesters = requesters;
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Where an upload's bytes can be read from, as often as needed (a retried change reads them again). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** An upload, measured and hashed. */
    public record Upload(String fileName, String mediaType, long size, String sha256, Content content) {

        /** Reads the content once to learn its size and SHA-256. */
        public static Upload of(String fileName, String mediaType, Content content) {
            MessageDigest digest = newSha256();
            long size = 0;
            try (InputStream in = new DigestInputStream(content.open(), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the upload", e);
            }
            return new Upload(fileName, mediaType, size, HexFormat.of().formatHex(digest.digest()), content);
        }
    }

    public record Attached(TicketChange change, AttachmentId attachmentId, Upload upload) {
    }

    public record Download(String fileName, String mediaType, String sha256, byte[] content) {
    }

    @Transactional
    public Attached attach(TicketId ticketId, Long expectedVersion, Upload upload, Caller caller) {
        if (upload.size() > properties.maxSize().toBytes()) {
            throw new DocketException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Attachments are limited to " + properties.maxSize().toBytes() + " bytes.");
        }
        TextRules.requireNone(TicketRules.attachmentViolations(upload.fileName(), upload.mediaType(), upload.size(),
                upload.sha256()));
        byte[] hash = HexFormat.of().parseHex(upload.sha256());
        jdbcTemplate.update("INSERT INTO attachment_content (sha256, size, content) VALUES (?, ?, ?) "
                + "ON CONFLICT (sha256) DO NOTHING", ps -> {
            ps.setBytes(1, hash);
            ps.setLong(2, upload.size());
            try {
                ps.setBinaryStream(3, upload.content().open(), upload.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the upload", e);
            }
        });
        AttachmentId attachmentId = Ids.newAttachmentId();
        jdbc.sql("""
                        INSERT INTO attachment (attachment_id, ticket_id, sha256, file_name, media_type, size,
                                                uploaded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(attachmentId.value(), ticketId.value(), hash, upload.fileName(), upload.mediaType(),
                        upload.size(), caller.subject())
                .update();
        TicketChange change = commands.send(new AddAttachment(ticketId, expectedVersion, attachmentId,
                upload.fileName(), upload.mediaType(), upload.size(), upload.sha256(), TicketCommands.requesterOnly(caller)));
        return new Attached(change, attachmentId, upload);
    }

    /** An attachment's content; a requester finds only those of the tickets they requested. */
    @Transactional(readOnly = true)
    public Optional<Download> find(TicketId ticketId, AttachmentId attachmentId, Caller caller) {
        if (caller.seesOnlyOwnTickets() && !requesters.isRequester(ticketId, caller.subject())) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT a.file_name, a.media_type, a.sha256, c.content
                        FROM attachment a JOIN attachment_content c ON c.sha256 = a.sha256
                        WHERE a.attachment_id = ? AND a.ticket_id = ?""")
                .params(attachmentId.value(), ticketId.value())
                .query((rs, n) -> new Download(rs.getString("file_name"), rs.getString("media_type"),
                        HexFormat.of().formatHex(rs.getBytes("sha256")), rs.getBytes("content")))
                .optional();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
