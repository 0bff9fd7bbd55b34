package dev.docket.query.ticket;

import java.util.List;

/** A parsed {@code filter} expression (or the simple filter parameters, read into the same shape). */
sealed interface Filter {

    /** All parts hold (AND). */
    record All(List<Filter> parts) implements Filter {
    }

    /** Any part holds (OR). */
    record Any(List<Filter> parts) implements Filter {
    }

    record Not(Filter inner) implements Filter {
    }

    /**
     * {@code field op value(s)}; {@code op} is one of {@code = != < <= > >= in notin matches contains}. Each value
     * keeps its position in the expression (1-based; 0 for simple parameters) for error messages.
     */
    record Condition(String field, int fieldPosition, String op, List<Value> values) implements Filter {
    }

    record Value(String text, int position) {
    }
}
