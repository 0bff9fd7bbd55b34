package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counter changes collected while a batch of events is applied, written once per counter row just before the
 * batch commits. Fewer statements, and rows always locked in the same order, so instances sharing the partitions
 * cannot deadlock on hot counters.
 */
public final class Batch {

    /**
     * A counter row: the row of {@code table} whose key {@code columns} hold {@code values}; its {@code tickets}
     * column is the count.
     */
    public record Counter(String table, List<String> columns, List<Object> values) {

        public Counter {
            if (columns.size() != values.size()) {
                throw new IllegalArgumentException(columns + " are keyed by as many values, not " + values);
            }
        }

        /** The order rows are written (and so locked) in, the same in every instance. */
        private static final Comparator<Counter> WRITE_ORDER = Comparator.comparing(Counter::table)
                .thenComparing(counter -> counter.values().toString());
    }

    private final Map<Counter, Long> deltas = new HashMap<>();

    /** Adds {@code delta} to the counter row (created at zero when missing). */
    public void count(Counter counter, long delta) {
        deltas.merge(counter, delta, Long::sum);
    }

    void absorb(Batch other) {
        other.deltas.forEach((counter, delta) -> deltas.merge(counter, delta, Long::sum));
    }

    void flush(ReadModelSql sql) {
        List<Counter> counters = new ArrayList<>(deltas.keySet());
        counters.sort(Counter.WRITE_ORDER);
        for (Counter counter : counters) {
            long delta = deltas.get(counter);
            if (delta == 0) {
                continue;
            }
            String columns = String.join(", ", counter.columns());
            List<Object> params = new ArrayList<>(counter.values());
            params.add(delta);
            sql.sql("INSERT INTO {rm}." + counter.table() + " (" + columns + ", tickets) VALUES ("
                            + "?, ".repeat(counter.columns().size()) + "?) ON CONFLICT (" + columns
                            + ") DO UPDATE SET tickets = " + counter.table() + ".tickets + EXCLUDED.tickets")
                    .params(params).update();
        }
    }
}
