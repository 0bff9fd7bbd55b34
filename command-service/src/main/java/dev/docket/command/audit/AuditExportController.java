package dev.docket.command.audit;

import dev.docket.events.ErrorCode;
import dev.docket.events.TicketId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.support.security.Caller;
import dev.docket.support.web.DateOrInstant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/audit/export?ticket=} or {@code ?from=&to=}: the audit export of one ticket, or of every ticket
 * with an event in a period (each from its first event), for an auditor to take away and check offline with
 * {@code ./docket verify --export FILE} or standard tools (docs/security.md).
 */
@RestController
@Tag(name = "Audit")
class AuditExportController {

    private static final String DATE_OR_INSTANT = "a date (2026-11-24, its start in UTC) or an instant";

    private final AuditExport export;
    private final ChainAudit audit;

    AuditExportController(ObjectProvider<AuditExport> export, ChainAudit audit) {
        this.export = export.getIfAvailable();
        this.audit = audit;
    }

    @Operation(summary = "Export the signed audit trail of a ticket, or of the tickets with events in a period "
            + "(auditors, admins): JSON Lines, verifiable offline")
    @GetMapping(path = "/api/audit/export", produces = AuditExport.MEDIA_TYPE)
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) @Schema(format = "uuid") String ticket,
                                                 @RequestParam(required = false) @Schema(description = DATE_OR_INSTANT)
                                                 String from,
                                                 @RequestParam(required = false) @Schema(description = DATE_OR_INSTANT)
                                                 String to) {
        AuditExport.Scope scope = scope(ticket, from, to);
        if (export == null) {
            throw new DocketException(ErrorCode.SERVICE_UNAVAILABLE, "This instance has no checkpoint key pair "
                    + "(DOCKET_CHECKPOINT_SIGNING_KEY and DOCKET_CHECKPOINT_PUBLIC_KEY) to seal an export with.");
        }
        if (export.count(scope) == 0) {
            throw scope.aggregateId() != null
                    ? new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + scope.aggregateId() + ".")
                    : new DocketException(ErrorCode.NOT_FOUND, "No ticket has an event from " + scope.from() + " to "
                    + scope.to() + ".");
        }
        String exportedBy = Caller.current().subject();
        CheckpointLedger.Anchors anchors = audit.anchors();
        String name = "docket-audit-" + (scope.aggregateId() != null ? scope.aggregateId()
                : scope.from().toString().replace(':', '-') + "--" + scope.to().toString().replace(':', '-'))
                + ".jsonl";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .contentType(MediaType.parseMediaType(AuditExport.MEDIA_TYPE))
                .body(out -> export.write(scope, exportedBy, anchors, out));
    }

    private static AuditExport.Scope scope(String ticket, String from, String to) {
        if (ticket != null) {
            if (from != null || to != null) {
                throw DocketException.invalid("ticket", "give either a ticket or a period (from and to), not both");
            }
            try {
                return new AuditExport.Scope(TicketId.parse(ticket).toString(), null, null);
            } catch (IllegalArgumentException e) {
                throw DocketException.invalid("ticket", "must be a ticket id (a UUID)");
            }
        }
        List<FieldViolation> violations = new ArrayList<>();
        Instant start = instant("from", from, violations);
        Instant end = instant("to", to, violations);
        if (violations.isEmpty() && !start.isBefore(end)) {
            violations.add(new FieldViolation("to", "must come after from"));
        }
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
        return new AuditExport.Scope(null, start, end);
    }

    private static Instant instant(String name, String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(name, "is required without a ticket: " + DATE_OR_INSTANT));
            return null;
        }
        try {
            return DateOrInstant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(name, "must be " + DATE_OR_INSTANT));
            return null;
        }
    }
}
