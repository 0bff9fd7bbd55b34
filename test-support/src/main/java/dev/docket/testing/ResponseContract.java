package dev.docket.testing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds every answer of a service under test to the service's own OpenAPI document ({@link OpenApiDocument#check}),
 * whichever client a test used: a servlet filter in the service, installed by {@link DocketTestInfrastructure}, notes
 * each {@code /api} answer that breaks the document, and {@link Kept}, run after each test of a
 * {@link DocketServiceTest}, fails the test that received one. So the documents cannot drift from what the services
 * answer without some test failing.
 */
public final class ResponseContract extends OncePerRequestFilter {

    private static final Queue<String> BROKEN = new ConcurrentLinkedQueue<>();
    /** Answers sent whose check has not finished; a test ends only once they have. */
    private static final AtomicInteger CHECKING = new AtomicInteger();
    private static final Object CHECKED = new Object();

    private final ApplicationContext service;
    private volatile OpenApiDocument document;

    /** @param service the service's context, whose OpenAPI document is read in-process */
    public ResponseContract(ApplicationContext service) {
        this.service = service;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CheckedAnswer answer = new CheckedAnswer(response);
        CHECKING.incrementAndGet();
        try {
            chain.doFilter(request, answer);
            if (answer.streaming()) {
                // its body never ends: the tests read what it sends
                return;
            }
            byte[] body = answer.getContentAsByteArray();
            answer.copyBodyToResponse();
            // the client has its answer before the check runs, so checking adds no latency a test could notice
            response.flushBuffer();
            check(request, answer.getStatus(), answer.getContentType(), new String(body, StandardCharsets.UTF_8));
        } finally {
            if (CHECKING.decrementAndGet() == 0) {
                synchronized (CHECKED) {
                    CHECKED.notifyAll();
                }
            }
        }
    }

    /** Holds an answer back to check it, except a stream of events, which goes out as it is written. */
    private static final class CheckedAnswer extends ContentCachingResponseWrapper {

        CheckedAnswer(HttpServletResponse response) {
            super(response);
        }

        boolean streaming() {
            String type = getContentType();
            return type != null && type.startsWith("text/event-stream");
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            return streaming() ? getResponse().getOutputStream() : super.getOutputStream();
        }

        @Override
        public java.io.PrintWriter getWriter() throws IOException {
            return streaming() ? getResponse().getWriter() : super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (streaming()) {
                getResponse().flushBuffer();
            } else {
                super.flushBuffer();
            }
        }
    }

    private void check(HttpServletRequest request, int status, String contentType, String body) {
        try {
            OpenApiDocument served = document;
            if (served == null) {
                served = OpenApiDocument.parse(service.getBean(OpenApiWebMvcResource.class)
                        .openapiJson(request, "/v3/api-docs", Locale.ROOT));
                document = served;
            }
            List<String> problems = served.check(request.getMethod(), request.getRequestURI(), status, contentType, body);
            if (!problems.isEmpty()) {
                BROKEN.addAll(problems.stream().map(problem -> problem + " (body: " + abbreviate(body) + ")").toList());
            }
        } catch (Exception e) {
            BROKEN.add("cannot check " + request.getMethod() + " " + request.getRequestURI() + ": " + e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

    /** Fails a test during which a service under test gave an answer its document does not admit. */
    public static final class Kept implements AfterEachCallback {

        @Override
        public void afterEach(ExtensionContext context) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (CHECKED) {
                while (CHECKING.get() > 0 && System.nanoTime() < deadline) {
                    CHECKED.wait(1_000);
                }
            }
            List<String> broken = new ArrayList<>();
            for (String problem; (problem = BROKEN.poll()) != null; ) {
                broken.add(problem);
            }
            if (!broken.isEmpty()) {
                throw new AssertionError("answers that break the OpenAPI document:\n  " + String.join("\n  ", broken));
            }
        }
    }
}
