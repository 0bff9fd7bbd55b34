package dev.docket.support.errors;

import dev.docket.events.ErrorCode;

import java.util.List;

/**
 * A refusal the client can act on: a stable code, a human detail, and for invalid input the fields concerned.
 * No stack trace is captured: these are answers, not faults.
 */
public class DocketException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;

    public DocketException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DocketException(ErrorCode code, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    /** Invalid input in one field. */
    public static DocketException invalid(String field, String message) {
        return new DocketException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                List.of(new FieldViolation(field, message)));
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
