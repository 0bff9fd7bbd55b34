package dev.docket.query.ingest;

import dev.docket.query.readmodel.ReadModelSql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counter changes collected while a batch of events is applied, written once per counter row just before the
 * batch commits. Fewer statements, and rows always locked in the same order, so instances sharing the partitions
 * cannot deadlock on hot counters.
 */
public final class Batch {

    /** A counter row, named by its table and key, and the change to add to it. */
    private record Counter(String table, List<String> columns, List<Object> key, long delta) {

        Counter plus(Counter other) {
            return new Counter(table, columns, key, delta + other.delta);
        }
    }

    /** By table and key: rows are written in this order. */
    private final TreeMap<String, Counter> counters = new TreeMap<>();

    /**
     * Adds {@code delta} to the {@code tickets} column of the row of {@code table} whose key columns hold
     * {@code key} (created at zero when missing).
     */
    public void count(String table, Map<String, Object> key, long delta) {
        counters.merge(table + key, new Counter(table, List.copyOf(key.keySet()), new ArrayList<>(key.values()), delta),
                Counter::plus);
    }

    void absorb(Batch other) {
        other.counters.forEach((name, counter) -> counters.merge(name, counter, Counter::plus));
    }

    void flush(ReadModelSql sql) {
        for (Counter counter : counters.values()) {
            if (counter.delta() == 0) {
                continue;
            }
            String columns = String.join(", ", counter.columns());
            List<Object> params = new ArrayList<>(counter.key());
            params.add(counter.delta());
            sql.sql("INSERT INTO {rm}." + counter.table() + " (" + columns + ", tickets) VALUES ("
                            + "?, ".repeat(counter.columns().size()) + "?) ON CONFLICT (" + columns
                            + ") DO UPDATE SET tickets = " + counter.table() + ".tickets + EXCLUDED.tickets")
                    .params(params).update();
        }
    }
}
