package dev.docket.command.web;

import dev.docket.support.errors.DocketException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a change is based on, from {@code If-Match}: reads answer a ticket's version as a strong ETag
 * ({@code "3"}); a change sent with it applies only to that version. {@code *} or no header applies the change to
 * the latest version ({@link #value()} null). A controller method takes it as a parameter.
 */
record ExpectedVersion(Long value) {

    static final String IF_MATCH = "If-Match";
    /** {@code "3"}, or a bare {@code 3} from clients that drop the quotes. */
    private static final Pattern VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"|(\\d{1,18})");

    static ExpectedVersion of(String header) {
        if (header == null || header.strip().equals("*")) {
            return new ExpectedVersion(null);
        }
        Matcher matcher = VERSION_TAG.matcher(header.strip());
        if (!matcher.matches()) {
            throw DocketException.invalid(IF_MATCH, "must be one version ETag, such as \"3\", as reads and changes answer it");
        }
        return new ExpectedVersion(Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
    }
}
