package dev.docket.command.web;

import dev.docket.command.app.CommandOrigin;
import dev.docket.support.errors.DocketException;
import dev.docket.support.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.util.regex.Pattern;

/**
 * Who is calling. Until authentication arrives the caller names itself in {@value #ACTOR_HEADER} (default
 * {@code anonymous}); the value is checked so it is safe in logs, headers and events. Never taken from a body.
 */
final class RequestOrigin {

    static final String ACTOR_HEADER = "X-Actor";
    private static final String ANONYMOUS = "anonymous";
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._@+\\-]{1,128}");

    private RequestOrigin() {
    }

    static CommandOrigin of(HttpServletRequest request) {
        String actor = request.getHeader(ACTOR_HEADER);
        if (actor == null || actor.isEmpty()) {
            actor = ANONYMOUS;
        } else if (!ACTOR.matcher(actor).matches()) {
            throw DocketException.invalid(ACTOR_HEADER, "must be 1 to 128 letters, digits or . _ @ + -");
        }
        return new CommandOrigin(actor, CorrelationIdFilter.currentId(request));
    }
}
