package dev.docket.command.web;

import dev.docket.command.app.CommandOrigin;
import dev.docket.support.security.Caller;
import dev.docket.support.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling: the subject of the request's validated bearer token, never anything the request body or another
 * header says. A caller without a role that works tickets acts as a requester.
 */
final class RequestOrigin {

    private RequestOrigin() {
    }

    static CommandOrigin of(HttpServletRequest request) {
        Caller caller = Caller.current();
        return new CommandOrigin(caller.subject(), CorrelationIdFilter.currentId(request), caller.seesOnlyOwnTickets());
    }
}
