package dev.docket.support.web;

import dev.docket.events.ErrorCode;

import java.util.regex.Pattern;

/** The detail and instance of an error page: what the framework or the container refused before our code ran. */
final class ErrorPages {

    private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._~-]{1,200}");

    private ErrorPages() {
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
