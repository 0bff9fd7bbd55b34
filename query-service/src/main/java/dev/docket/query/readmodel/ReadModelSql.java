package dev.docket.query.readmodel;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.regex.Pattern;

/**
 * SQL against one generation's schema. Statements name read-model tables as {@code {rm}.table}; the placeholder
 * becomes the generation's schema, a name this class checks, never one taken from a request.
 */
public final class ReadModelSql {

    private static final Pattern SCHEMA = Pattern.compile("rm_[0-9]{1,9}");

    private final JdbcClient jdbc;
    private final int generation;
    private final String schema;

    public ReadModelSql(JdbcClient jdbc, int generation) {
        this.jdbc = jdbc;
        this.generation = generation;
        this.schema = schemaOf(generation);
    }

    public static String schemaOf(int generation) {
        String schema = "rm_" + generation;
        if (generation < 1 || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("no generation " + generation);
        }
        return schema;
    }

    public JdbcClient.StatementSpec sql(String template) {
        return jdbc.sql(resolve(template));
    }

    /** The statement with {@code {rm}} replaced by this generation's schema. */
    public String resolve(String template) {
        return template.replace("{rm}", schema);
    }

    public int generation() {
        return generation;
    }

    public String schema() {
        return schema;
    }
}
