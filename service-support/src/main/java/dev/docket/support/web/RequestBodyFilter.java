package dev.docket.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Locale;

/**
 * Bounds non-multipart request bodies (JSON commands) and reads JSON ones strictly. A declared Content-Length over
 * the limit is refused with 413 before anything is read, and a body without a length is cut off with 413 once it
 * passes the limit. A JSON body must be UTF-8 in its shortest form, without NUL ({@link StorableText}): the bytes
 * are checked as the parser reads them, so a UTF-16 body, an overlong sequence or an encoded surrogate is refused
 * with 400 instead of being decoded into something else. Multipart uploads have their own limits.
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final HandlerExceptionResolver exceptionResolver;

    public RequestBodyFilter(long maxBytes, HandlerExceptionResolver exceptionResolver) {
        this.maxBytes = maxBytes;
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            exceptionResolver.resolveException(request, response, null, new PayloadTooLargeException(maxBytes));
            return;
        }
        chain.doFilter(new BoundedRequest(request, maxBytes, isJson(request.getContentType())), response);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final boolean utf8;
        private ServletInputStream stream;

        BoundedRequest(HttpServletRequest request, long maxBytes, boolean utf8) {
            super(request);
            this.maxBytes = maxBytes;
            this.utf8 = utf8;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), maxBytes, utf8 ? new StorableText.Utf8() : null);
            }
            return stream;
        }
    }

    private static final class BoundedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private final StorableText.@Nullable Utf8 utf8;
        private long read;

        BoundedStream(ServletInputStream delegate, long maxBytes, StorableText.@Nullable Utf8 utf8) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
            this.utf8 = utf8;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
                check(b);
            } else if (utf8 != null) {
                refuse(utf8.end());
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                for (int i = offset; i < offset + n; i++) {
                    check(buffer[i] & 0xFF);
                }
            } else if (n < 0 && utf8 != null) {
                refuse(utf8.end());
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
        }

        private void check(int b) throws MalformedBodyException {
            if (utf8 != null) {
                refuse(utf8.accept(b));
            }
        }

        private static void refuse(@Nullable String fault) throws MalformedBodyException {
            if (fault != null) {
                throw new MalformedBodyException(fault);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
