package dev.docket.console.web;

import dev.docket.console.ConsoleProperties;
import dev.docket.console.signin.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's live updates: the query service's change stream for the signed-in person, passed through as it comes.
 * The browser's {@code EventSource} connects here with its session cookie; the console opens the stream upstream
 * with the person's token (which never reaches the browser) and hands on the {@code Last-Event-ID} the browser sends
 * when it reconnects, so nothing is lost across a dropped connection. What a viewer may see is decided upstream.
 * When the stream is refused (the token expired), the browser is told to stop (204) and the page says so.
 */
@RestController
class LiveController implements SmartLifecycle {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI changes;
    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
    private final TaskExecutor relays;
    private volatile boolean running;

    /** @param relays the application's task executor: a virtual thread per stream (spring.threads.virtual) */
    LiveController(ConsoleProperties properties,
                   @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor relays) {
        this.changes = URI.create(properties.queryBaseUrl() + "/api/changes");
        this.relays = relays;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@AuthenticationPrincipal ConsoleUser user,
                    @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
                    HttpServletResponse response) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(changes).timeout(Duration.ofSeconds(10))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE).header("Authorization", "Bearer " + user.token());
        if (lastEventId != null && !lastEventId.isBlank()) {
            request.header("Last-Event-ID", lastEventId.strip());
        }
        HttpResponse<InputStream> upstream = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(35).toMillis());
        if (upstream.statusCode() != 200) {
            // refused (the sign-in expired): the browser is told to stop reconnecting, and the page says so
            upstream.body().close();
            response.setStatus(HttpStatus.NO_CONTENT.value());
            emitter.complete();
            return emitter;
        }
        InputStream events = upstream.body();
        open.add(events);
        emitter.onCompletion(() -> close(events));
        emitter.onTimeout(() -> close(events));
        emitter.onError(e -> close(events));
        relays.execute(() -> relay(events, emitter));
        return emitter;
    }

    /** Hands each upstream event on as it is (id, name, data); ends the browser's stream when the upstream ends. */
    private void relay(InputStream events, SseEmitter emitter) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        SseEmitter.SseEventBuilder event = SseEmitter.event().data(data.toString());
                        if (id != null) {
                            event.id(id);
                        }
                        if (name != null) {
                            event.name(name);
                        }
                        emitter.send(event);
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            // the browser left, or the upstream ended: either way this stream is over
            emitter.complete();
        } finally {
            open.remove(events);
        }
    }

    private static void close(InputStream events) {
        try {
            events.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends the open streams before the web server waits for its requests: browsers reconnect to another instance. */
    @Override
    public void stop() {
        running = false;
        open.forEach(LiveController::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
