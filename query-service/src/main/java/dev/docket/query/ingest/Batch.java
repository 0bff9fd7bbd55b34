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

    private record Counter(String table, List<String> columns, List<Object> key) {
    }

    private final TreeMap<String, Counter> counters = new TreeMap<>();
    private final TreeMap<String, Long> deltas = new TreeMap<>();

    /**
     * Adds {@code delta} to the {@code tickets} column of the row of {@code table} whose key columns hold
     * {@code key} (created at zero when missing).
     */
    public void count(String table, Map<String, Object> key, long delta) {
        String name = table + key;
        counters.putIfAbsent(name, new Counter(table, List.copyOf(key.keySet()), new ArrayList<>(key.values())));
        deltas.merge(name, delta, Long::sum);
    }

    void absorb(Batch other) {
        other.counters.forEach(counters::putIfAbsent);
        other.deltas.forEach((name, delta) -> deltas.merge(name, delta, Long::sum));
    }

    void flush(ReadModelSql sql) {
        deltas.forEach((name, delta) -> {
            if (delta == 0) {
                return;
            }
            Counter counter = counters.get(name);
            String columns = String.join(", ", counter.columns());
            List<Object> params = new ArrayList<>(counter.key());
            params.add(delta);
            sql.sql("INSERT INTO {rm}." + counter.table() + " (" + columns + ", tickets) VALUES ("
                            + "?, ".repeat(counter.columns().size()) + "?) ON CONFLICT (" + columns
                            + ") DO UPDATE SET tickets = " + counter.table() + ".tickets + EXCLUDED.tickets")
                    .params(params).update();
        });
    }
}
