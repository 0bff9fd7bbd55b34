package dev.docket.command.privacy;

import dev.docket.events.ErrorCode;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /api/users/{id}/erasure}: erases a person (admins); {@code GET} answers the receipt again (admins and
 * auditors). See docs/data-protection.md.
 */
@RestController
@RequestMapping(path = "/api/users/{id}/erasure", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Data protection")
class ErasureController {

    private final Erasures erasures;

    ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    /**
     * @param legalBasis the basis of the erasure, for example {@code GDPR Art. 17(1)(a)}
     * @param reason     the request's reference or why; never the person's data
     */
    record ErasureRequest(@Schema(example = "GDPR Art. 17(1)(a)", minLength = 1, maxLength = 1000) String legalBasis,
                          @Schema(example = "Request DPO-2026-0042", maxLength = 1000) @Nullable String reason) {
    }

    /**
     * @param receipt     what was erased, when, by whom, under which basis, the key destroyed and the erasure's link
     *                    in the audit chain; no personal data
     * @param signedBytes the receipt's exact bytes (canonical JSON, keys sorted), base64: what the signature covers
     * @param signature   Ed25519 signature of {@code signedBytes} by the audit checkpoint key, base64
     */
    record ErasureReceipt(Map<String, Object> receipt, String signedBytes, String signature,
                          @Schema(example = "Ed25519") String algorithm) {

        static ErasureReceipt of(Erasures.Receipt receipt) {
            return new ErasureReceipt(receipt.receipt(), Base64.getEncoder().encodeToString(receipt.signed()),
                    Base64.getEncoder().encodeToString(receipt.signature()), "Ed25519");
        }
    }

    @Operation(summary = "Erase a person (admins): destroys their data key, answers a signed receipt; again: the "
            + "same receipt")
    @ApiResponse(responseCode = "201", description = "Erased")
    @ApiResponse(responseCode = "200", description = "Erased before: the same receipt")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ErasureReceipt> erase(@PathVariable UserId id, @RequestBody ErasureRequest request) {
        if (request.legalBasis() == null || request.legalBasis().isBlank()) {
            throw DocketException.invalid("legalBasis", "is required");
        }
        Erasures.Receipt receipt = erasures.erase(id, request.legalBasis(), request.reason());
        return ResponseEntity.status(receipt.first() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ErasureReceipt.of(receipt));
    }

    @Operation(summary = "The signed receipt of a person's erasure (admins, auditors)")
    @GetMapping
    ErasureReceipt receipt(@PathVariable UserId id) {
        return erasures.receipt(id).map(ErasureReceipt::of).orElseThrow(() -> new DocketException(
                ErrorCode.USER_NOT_FOUND, "No erasure of " + id + " is on record."));
    }
}
