package dev.docket.command.audit;

import dev.docket.events.TicketId;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/verify[?ticket=]}: the auditor's check of the event store. Always 200 with a report when
 * the check ran; {@code intact} says whether the history is as it was written.
 */
@RestController
@Tag(name = "Audit")
class AuditVerifyController {

    private final ChainAudit audit;

    AuditVerifyController(ChainAudit audit) {
        this.audit = audit;
    }

    @Operation(summary = "Verify the audit chain of one ticket or the whole store (auditors)")
    @ApiResponse(responseCode = "200", description = "The report; intact says whether history is as written",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChainVerifier.Report.class)))
    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerifier.Report verify(@RequestParam(required = false) String ticket) {
        if (ticket == null) {
            return audit.verify(null);
        }
        try {
            return audit.verify(TicketId.parse(ticket).toString());
        } catch (IllegalArgumentException e) {
            throw DocketException.invalid("ticket", "must be a ticket id (a UUID)");
        }
    }
}
