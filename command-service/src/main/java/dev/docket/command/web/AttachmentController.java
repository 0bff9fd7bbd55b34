package dev.docket.command.web;

import dev.docket.command.app.Attachments;
import dev.docket.events.AttachmentId;
import dev.docket.events.ErrorCode;
import dev.docket.events.TicketId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Uploads ({@code multipart/form-data}, one part named {@code file}) and downloads of ticket attachments. The
 * content lives on the command side, addressed by its SHA-256; events and read models carry only its description.
 */
@RestController
@Tag(name = "Ticket commands")
@RequestMapping("/api/tickets/{id}/attachments")
class AttachmentController {

    private final Attachments attachments;
    private final ChangeRunner runner;

    AttachmentController(Attachments attachments, ChangeRunner runner) {
        this.attachments = attachments;
        this.runner = runner;
    }

    record AttachedResponse(String id, String attachmentId, String fileName, String mediaType, long size,
                            String sha256, long version) {
    }

    /** What identifies an upload for idempotency: the same file under the same name and type. */
    record UploadFingerprint(String fileName, String mediaType, String sha256) {
    }

    @Operation(summary = "Upload an attachment (multipart, one part named file)")
    @ApiResponse(responseCode = "201", description = "Stored", headers = {@Header(name = "Location", description = "Where to read it"), @Header(name = "ETag", description = "The new version")},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttachedResponse.class)))
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> upload(@PathVariable("id") TicketId ticketId, @RequestPart("file") MultipartFile file,
                             ExpectedVersion version, Caller caller, HttpServletRequest http) {
        String mediaType = file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : file.getContentType();
        Attachments.Upload upload = Attachments.Upload.of(plainFileName(file.getOriginalFilename()), mediaType,
                file::getInputStream);
        UploadFingerprint fingerprint = new UploadFingerprint(upload.fileName(), upload.mediaType(), upload.sha256());
        return runner.run(http, fingerprint, () -> {
            Attachments.Attached attached = attachments.attach(ticketId, version.value(), upload, caller);
            String attachmentId = attached.attachmentId().toString();
            return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                            .path("/{attachmentId}").buildAndExpand(attachmentId).toUri())
                    .eTag(String.valueOf(attached.change().version()))
                    .body(new AttachedResponse(ticketId.toString(), attachmentId, upload.fileName(),
                            upload.mediaType(), upload.size(), upload.sha256(), attached.change().version()));
        });
    }

    /**
     * The content exactly as uploaded. Always offered as a download ({@code Content-Disposition: attachment}) and
     * never sniffed, so an uploaded HTML page cannot run in a browser as if it came from Docket.
     */
    @Operation(summary = "Download an attachment exactly as uploaded")
    @ApiResponse(responseCode = "200", description = "The content, as a download, with its media type",
            headers = {@Header(name = "Repr-Digest", description = "sha-256 of the content"),
                    @Header(name = "Content-Disposition", description = "attachment; filename=...")},
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable("id") TicketId ticketId,
                                    @PathVariable("attachmentId") AttachmentId attachment, Caller caller) {
        Attachments.Download download = attachments.find(ticketId, attachment, caller).orElseThrow(() ->
                new DocketException(ErrorCode.ATTACHMENT_NOT_FOUND, "No attachment " + attachment + " on this ticket."));
        byte[] sha256 = HexFormat.of().parseHex(download.sha256());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.mediaType()))
                .contentLength(download.content().length)
                .eTag(download.sha256())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":")
                .body(download.content());
    }

    /** Browsers may send a path ({@code C:\fakepath\a.txt}); only the last segment is the name. */
    static String plainFileName(String original) {
        if (original == null) {
            return null;
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        return name.strip();
    }
}
