package dev.docket.mcp.api;

import tools.jackson.databind.node.ObjectNode;

/**
 * An API's refusal, as its problem details said it: the stable {@code code}, the HTTP status, the {@code detail} in
 * words, and the problem's other members (the fields at fault, a stale change's {@code currentVersion}, a refused
 * move's {@code allowedStatuses}). Never a stack trace: the APIs do not send one.
 */
public final class ApiRefusal extends RuntimeException {

    private final int status;
    private final String code;
    private final ObjectNode problem;

    public ApiRefusal(int status, String code, String detail, ObjectNode problem) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** The problem details as the API sent them. */
    public ObjectNode problem() {
        return problem;
    }
}
