package dev.docket.support.errors;

import dev.docket.events.ErrorCode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the client can act on: a stable code, a human detail, and for invalid input the fields concerned.
 * No stack trace is captured: these are answers, not faults.
 */
public class DocketException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public DocketException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DocketException(ErrorCode code, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    /** Invalid input in the fields named by {@code violations} (at least one). */
    public static DocketException invalid(List<FieldViolation> violations) {
        String fields = String.join(", ", violations.stream().map(FieldViolation::field).distinct().toList());
        return new DocketException(ErrorCode.VALIDATION_FAILED, "Invalid value for: " + fields + ".", violations);
    }

    /** Invalid input in one field. */
    public static DocketException invalid(String field, String message) {
        return new DocketException(ErrorCode.VALIDATION_FAILED, field + " " + message,
                List.of(new FieldViolation(field, message)));
    }

    /**
     * Adds a member to the problem answer, for example {@code currentVersion}; the names are part of the documented
     * answer for the code.
     */
    public DocketException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }
}
