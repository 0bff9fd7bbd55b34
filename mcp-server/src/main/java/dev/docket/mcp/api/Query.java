package dev.docket.mcp.api;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriBuilder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A read's path and query parameters. Values go in as URI template variables, so each is encoded whole: a filter
 * holding {@code &}, {@code +} or {@code =} reaches the API exactly as the agent wrote it.
 */
public final class Query {

    private final String path;
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private Query(String path) {
        this.path = path;
    }

    public static Query of(String path) {
        return new Query(path);
    }

    /** Adds the parameter when it has a value. */
    public Query param(String name, @Nullable Object value) {
        if (value != null) {
            names.add(name);
            values.add(value);
        }
        return this;
    }

    /** Adds the parameter once for each value. */
    public Query params(String name, List<String> each) {
        each.forEach(value -> param(name, value));
        return this;
    }

    public Function<UriBuilder, URI> uri() {
        return builder -> {
            builder.path(path);
            for (int i = 0; i < names.size(); i++) {
                builder.queryParam(names.get(i), "{v" + i + "}");
            }
            java.util.Map<String, Object> variables = new java.util.HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                variables.put("v" + i, values.get(i));
            }
            return builder.build(variables);
        };
    }
}
