package dev.docket.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@value #HEADER} if it is well-formed, a new UUID otherwise.
 * The id is echoed in the response, put on every log line of the request (MDC key {@value #MDC_KEY}) and, on the
 * command side, stored in the metadata of every event the request causes. A malformed one is replaced here and
 * refused later, by {@link RequestRules}, once authentication has had its say.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    /** What a well-formed id is, as a refusal says it. */
    static final String RULE = "must be 1 to 128 letters, digits or . _ : -";
    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";
    private static final String REFUSED = CorrelationIdFilter.class.getName() + ".refused";
    /** Printable, header- and log-safe, and short enough to index. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    /** The correlation id of the request being served, or null outside a request. */
    public static @Nullable String currentId(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }

    /** Whether the caller sent a malformed id, which was replaced. */
    static boolean wasRefused(HttpServletRequest request) {
        return request.getAttribute(REFUSED) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given == null ? UUID.randomUUID().toString() : given;
        boolean wellFormed = WELL_FORMED.matcher(id).matches();
        if (!wellFormed) {
            id = UUID.randomUUID().toString();
            request.setAttribute(REFUSED, Boolean.TRUE);
        }
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
