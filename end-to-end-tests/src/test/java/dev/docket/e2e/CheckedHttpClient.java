package dev.docket.e2e;

import dev.docket.testing.OpenApiDocument;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * An HTTP client that holds every {@code /api} answer it receives to the OpenAPI document of the service that gave
 * it ({@link OpenApiDocument#check}), as the service-level tests' {@code ResponseContract} does inside the service.
 * What breaks a document is collected; {@link #broken()} hands it over once.
 */
final class CheckedHttpClient extends HttpClient {

    private final HttpClient delegate = HttpClient.newHttpClient();
    private final Map<Integer, OpenApiDocument> documents = new ConcurrentHashMap<>();
    private final List<String> broken = new ArrayList<>();

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = delegate.send(request, handler);
        check(response);
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler).thenApply(this::check);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(request, handler, push).thenApply(this::check);
    }

    /** What broke a document since the last call. */
    synchronized List<String> broken() {
        List<String> all = List.copyOf(broken);
        broken.clear();
        return all;
    }

    private <T> HttpResponse<T> check(HttpResponse<T> response) {
        String path = response.uri().getRawPath();
        if (!path.startsWith("/api/")) {
            return response;
        }
        try {
            OpenApiDocument document = documents.computeIfAbsent(response.uri().getPort(), port -> {
                try {
                    return OpenApiDocument.of(port);
                } catch (Exception e) {
                    throw new IllegalStateException("no OpenAPI document on port " + port, e);
                }
            });
            String body = response.body() instanceof String text ? text : null;
            List<String> problems = document.check(response.request().method(), path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), body);
            if (!problems.isEmpty()) {
                synchronized (this) {
                    broken.addAll(problems);
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                broken.add("cannot check " + response.request().method() + " " + path + ": " + e);
            }
        }
        return response;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
