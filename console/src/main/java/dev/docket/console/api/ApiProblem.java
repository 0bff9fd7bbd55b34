package dev.docket.console.api;

import org.jspecify.annotations.Nullable;

/**
 * An API's refusal as the console shows it: the problem details' status, stable code and {@code detail} in words,
 * and for a stale version the ticket's current one.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final @Nullable Long currentVersion;

    public ApiProblem(int status, String code, String detail, @Nullable Long currentVersion) {
        super(detail);
        this.status = status;
        this.code = code;
        this.currentVersion = currentVersion;
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

    public @Nullable Long currentVersion() {
        return currentVersion;
    }

    /** Someone changed the ticket since the version the page showed (412). */
    public boolean staleVersion() {
        return status == 412;
    }
}
