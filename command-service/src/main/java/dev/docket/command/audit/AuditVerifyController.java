package dev.docket.command.audit;

import dev.docket.events.TicketId;
import dev.docket.support.errors.DocketException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/verify[?ticket=]}: the auditor's check of the event store. Always 200 with a report when
 * the check ran; {@code intact} says whether the history is as it was written.
 */
@RestController
class AuditVerifyController {

    private final ChainAudit audit;

    AuditVerifyController(ChainAudit audit) {
        this.audit = audit;
    }

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
