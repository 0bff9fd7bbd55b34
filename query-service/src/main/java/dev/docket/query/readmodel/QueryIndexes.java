package dev.docket.query.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generation's {@code query_index} table: the indexes only queries use (the read-model migrations name them).
 * A generation being rebuilt goes without them, since no query reads it until it serves: each row version the
 * rebuild writes then costs no entry in them, and each is built once, sorted, from the finished table.
 */
public final class QueryIndexes {

    private static final Pattern TABLE = Pattern.compile(" ON (?:ONLY )?[a-z0-9_]+\\.([a-z0-9_]+) USING ");

    private QueryIndexes() {
    }

    /**
     * Drops the generation's query-only indexes, keeping the statement that builds each again. Indexes deferred
     * already, or not there, are left as they are. Run in a transaction.
     */
    public static void defer(ReadModelSql sql) {
        Map<String, String> definitions = new LinkedHashMap<>();
        sql.sql("""
                        SELECT q.name, pg_get_indexdef(i.indexrelid)
                        FROM {rm}.query_index q
                        JOIN pg_class c ON c.relname = q.name
                        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = ?
                        JOIN pg_index i ON i.indexrelid = c.oid
                        WHERE q.definition IS NULL ORDER BY q.name""")
                .param(sql.schema())
                .query(rs -> {
                    definitions.put(rs.getString(1), rs.getString(2));
                });
        definitions.forEach((name, definition) -> {
            sql.sql("UPDATE {rm}.query_index SET definition = ? WHERE name = ?").params(definition, name).update();
            sql.sql("DROP INDEX IF EXISTS {rm}." + name).update();
        });
    }

    /** Whether the generation has a {@code query_index} table (its migrations have reached the one that makes it). */
    public static boolean tracked(ReadModelSql sql) {
        return Boolean.TRUE.equals(sql.sql("SELECT to_regclass(? || '.query_index') IS NOT NULL").param(sql.schema())
                .query(Boolean.class).single());
    }

    /** The deferred indexes of the generation, by name, with the table each is on. */
    public static Map<String, String> deferred(ReadModelSql sql) {
        Map<String, String> deferred = new LinkedHashMap<>();
        sql.sql("SELECT name, definition FROM {rm}.query_index WHERE definition IS NOT NULL ORDER BY name")
                .query(rs -> {
                    deferred.put(rs.getString(1), tableOf(rs.getString(2)));
                });
        return deferred;
    }

    /**
     * Builds one deferred index, if it is deferred still. Run in a transaction of its own: it holds a lock that
     * stops writes to the index's table until it commits, and a writer that waits for it then holds no lock this
     * one waits for.
     *
     * @return whether it was built here
     */
    public static boolean build(ReadModelSql sql, String name) {
        String definition = sql.sql("SELECT definition FROM {rm}.query_index WHERE name = ? FOR UPDATE").param(name)
                .query(String.class).optional().orElse(null);
        if (definition == null) {
            return false;
        }
        sql.sql(definition).update();
        sql.sql("UPDATE {rm}.query_index SET definition = NULL WHERE name = ?").param(name).update();
        return true;
    }

    /** Refreshes the planner's statistics of a table (one filled from empty by a rebuild). */
    public static void analyze(ReadModelSql sql, String table) {
        sql.sql("ANALYZE {rm}." + table).update();
    }

    /** The table of a {@code CREATE INDEX name ON [ONLY] schema.table USING ...} statement. */
    private static String tableOf(String definition) {
        Matcher matcher = TABLE.matcher(definition);
        if (!matcher.find()) {
            throw new IllegalStateException("not an index definition: " + definition);
        }
        return matcher.group(1);
    }
}
