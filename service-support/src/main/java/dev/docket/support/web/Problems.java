package dev.docket.support.web;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the problem documents of both services, so each code has one status, type and title everywhere. */
public final class Problems {

    private Problems() {
    }

    public static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, INVALID_FILTER -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND, TICKET_NOT_FOUND, USER_NOT_FOUND, CALENDAR_NOT_FOUND, ATTACHMENT_NOT_FOUND,
                 DATA_KEY_NOT_FOUND, VIEW_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DATA_KEY_ERASED -> HttpStatus.GONE;
            case INVALID_TRANSITION, TICKET_CLOSED, TICKET_ARCHIVED, TICKET_NOT_ARCHIVED, USER_DEACTIVATED, USER_ERASED, EMAIL_TAKEN,
                 VIEW_NAME_TAKEN, TOO_MANY_VIEWS, CONCURRENT_MODIFICATION, REBUILD_IN_PROGRESS -> HttpStatus.CONFLICT;
            case VERSION_MISMATCH -> HttpStatus.PRECONDITION_FAILED;
            case UNKNOWN_USER, UNKNOWN_CALENDAR, USER_INACTIVE, NOT_AN_AGENT, IDEMPOTENCY_KEY_REUSED ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case SERVICE_UNAVAILABLE, READ_MODEL_BEHIND -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /**
     * The code of an answer known only by its status: a refusal Spring MVC, the security firewall or the container
     * raised before any of our code ran.
     */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    /** A URN per code: stable, resolvable to the error table in the API guide, and never fetched. */
    public static URI typeOf(ErrorCode code) {
        return URI.create("urn:docket:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(code), detail);
        problem.setType(typeOf(code));
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        return problem;
    }

    public static ProblemDetail of(ErrorCode code, String detail, List<FieldViolation> violations) {
        return of(code, detail, violations, Map.of());
    }

    /** A problem with the fields concerned and further members (for example {@code currentVersion}). */
    public static ProblemDetail of(ErrorCode code, String detail, List<FieldViolation> violations,
                                   Map<String, Object> properties) {
        ProblemDetail problem = of(code, detail);
        properties.forEach(problem::setProperty);
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message()))
                    .toList());
        }
        return problem;
    }
}
