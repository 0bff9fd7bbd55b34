package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows written by one statement: each row adds a value to every column, and the statement receives one array per
 * column, which it casts and {@code unnest}s ({@code FROM unnest(?::uuid[], ?::bigint[], ...) AS u(id, n, ...)}).
 * One round trip for any number of rows.
 */
public final class Rows {

    private final List<List<Object>> columns = new ArrayList<>();
    private int size;

    public Rows(int width) {
        for (int i = 0; i < width; i++) {
            columns.add(new ArrayList<>());
        }
    }

    /**
     * Adds a row. A column whose values are all numbers of one type or all booleans is sent as such (in binary);
     * any other column as text ({@code null} stays null, an {@link Instant} in ISO-8601).
     */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + columns.size() + " values, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
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
        return sql.sql(statement).params(columns.stream().map(Rows::array).toList()).update();
    }

    /** The column as the JDBC driver sends it: a typed array (in binary) where its values allow, else text. */
    private static Object array(List<Object> column) {
        Class<?> type = column.stream().filter(v -> v != null).findFirst().map(Object::getClass).orElse(null);
        boolean uniform = column.stream().allMatch(v -> v == null || v.getClass() == type);
        if (uniform && type == Long.class) {
            return column.toArray(Long[]::new);
        }
        if (uniform && type == Integer.class) {
            return column.toArray(Integer[]::new);
        }
        if (uniform && type == Boolean.class) {
            return column.toArray(Boolean[]::new);
        }
        return column.stream().map(v -> v == null ? null : v.toString()).toArray(String[]::new);
    }
}
