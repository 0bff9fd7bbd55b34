package dev.docket.support.web;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@value #HEADER} if it is well-formed, a new UUID otherwise
 * absent. The id is echoed in the response, put on every log line of the request (MDC key {@value #MDC_KEY}) and,
 * on the command side, stored in the metadata of every event the request causes.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";
    /** Printable, header- and log-safe, and short enough to index. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final HandlerExceptionResolver exceptionResolver;

    public CorrelationIdFilter(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    /** The correlation id of the request being served, or null outside a request. */
    public static @Nullable String currentId(HttpServletRequest request) {
        return (String) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given == null ? UUID.randomUUID().toString() : given;
        boolean wellFormed = WELL_FORMED.matcher(id).matches();
        if (!wellFormed) {
            id = UUID.randomUUID().toString();
        }
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            if (!wellFormed) {
                exceptionResolver.resolveException(request, response, null, new DocketException(
                        ErrorCode.VALIDATION_FAILED, HEADER + " must be 1 to 128 letters, digits or . _ : -",
                        List.of(new FieldViolation(HEADER, "must be 1 to 128 letters, digits or . _ : -"))));
                return;
            }
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
