package dev.docket.support.cache;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value loaded again only when the last load is older than {@code freshFor}: for figures read from the database
 * on every request or metrics scrape (lag, progress), where a fraction of a second of staleness is fine and a query
 * per call is not. Concurrent callers may load at the same time; the last load wins.
 */
public final class Recent<T> {

    private record Loaded<T>(T value, long at) {
    }

    private final Duration freshFor;
    private final Supplier<T> loader;
    private volatile Loaded<T> last;

    public Recent(Duration freshFor, Supplier<T> loader) {
        this.freshFor = freshFor;
        this.loader = loader;
    }

    public T get() {
        Loaded<T> current = last;
        if (current != null && System.nanoTime() - current.at() < freshFor.toNanos()) {
            return current.value();
        }
        T value = loader.get();
        last = new Loaded<>(value, System.nanoTime());
        return value;
    }
}
