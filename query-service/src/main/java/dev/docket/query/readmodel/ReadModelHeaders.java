package dev.docket.query.readmodel;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every query answer says how far the read models have got: {@code Docket-Read-Model-Lag} (events not yet
 * applied), {@code Docket-Read-Model-Last-Event} (when the newest applied event happened) and
 * {@code Docket-Read-Model-Generation}.
 */
final class ReadModelHeaders implements HandlerInterceptor {

    static final String LAG = "Docket-Read-Model-Lag";
    static final String LAST_EVENT = "Docket-Read-Model-Last-Event";
    static final String GENERATION = "Docket-Read-Model-Generation";

    private final ReadModelProgress progress;

    ReadModelHeaders(ReadModelProgress progress) {
        this.progress = progress;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        try {
            ReadModelProgress.Snapshot snapshot = progress.current();
            response.setHeader(LAG, Long.toString(snapshot.lagEvents()));
            if (snapshot.lastEvent() != null) {
                response.setHeader(LAST_EVENT, snapshot.lastEvent().toString());
            }
            response.setHeader(GENERATION, Integer.toString(snapshot.generation()));
        } catch (RuntimeException unavailable) {
            // the read itself will report an unavailable database
        }
        return true;
    }
}
