package dev.docket.command.web;

import dev.docket.support.errors.DocketException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code If-Match}. Reads answer a ticket's version as a strong ETag ({@code "3"}); a change sent with it
 * applies only to that version. {@code *} or no header applies the change to the latest version.
 */
final class Preconditions {

    static final String IF_MATCH = "If-Match";
    /** {@code "3"}, or a bare {@code 3} from clients that drop the quotes. */
    private static final Pattern VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"|(\\d{1,18})");

    private Preconditions() {
    }

    /** The expected version, or null for none. */
    static Long expectedVersion(HttpServletRequest request) {
        String header = request.getHeader(IF_MATCH);
        if (header == null || header.strip().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION_TAG.matcher(header.strip());
        if (!matcher.matches()) {
            throw DocketException.invalid(IF_MATCH, "must be one version ETag, such as \"3\", as reads and changes answer it");
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
}
