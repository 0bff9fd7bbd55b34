package dev.docket.support.web;

import dev.docket.events.ErrorCode;

import java.util.regex.Pattern;

/** Which code an error the framework or the container raised gets, from its status alone. */
final class ErrorPages {

    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._~-]{1,200}");

    private ErrorPages() {
    }

    static ErrorCode codeFor(int status) {
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

    static String detailFor(ErrorCode code) {
        return switch (code) {
            case MALFORMED_REQUEST -> "The request line, a header or the path is malformed or not allowed (for example "
                    + "an encoded slash, backslash, line break or NUL in the path).";
            case INTERNAL_ERROR -> "An unexpected error occurred.";
            default -> code.title() + ".";
        };
    }

    /** Only a path of plain characters is echoed back as the problem's instance. */
    static boolean isPlainPath(String path) {
        return PLAIN_PATH.matcher(path).matches();
    }
}
