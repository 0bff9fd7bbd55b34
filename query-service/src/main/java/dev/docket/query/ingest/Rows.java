package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows written by one statement: each row adds a value to every column, and the statement receives one text array
 * per column, which it casts and {@code unnest}s ({@code FROM unnest(?::uuid[], ?::bigint[], ...) AS u(id, n, ...)}).
 * One round trip for any number of rows.
 */
public final class Rows {

    private final List<List<String>> columns = new ArrayList<>();
    private int size;

    public Rows(int width) {
        for (int i = 0; i < width; i++) {
            columns.add(new ArrayList<>());
        }
    }

    /** Adds a row; values are written as text ({@code null} stays null, an {@link Instant} in ISO-8601). */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + columns.size() + " values, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i] == null ? null : values[i].toString());
        }
        size++;
    }

    public int size() {
        return size;
    }

    /** Runs {@code statement} with the columns as its parameters (if there is any row); returns the rows changed. */
    public int write(ReadModelSql sql, String statement) {
        if (size == 0) {
            return 0;
        }
        return sql.sql(statement).params(columns.stream().map(c -> (Object) c.toArray(String[]::new)).toList())
                .update();
    }
}
