package dev.docket.query.ticket;

import dev.docket.query.readmodel.ReadModelSql;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a ticket search on the {@code ticket} table: a filter, optionally free text, one of the sorts, and keyset
 * pagination. Every sort ends in the ticket id, so the order is total and a page resumes exactly after the last row
 * of the previous one, however deep.
 */
final class TicketSearch {

    /** How free text matched: ranked full-text, or (when that found nothing) a substring of the title. */
    enum Match { NONE, FULLTEXT, SUBSTRING }

    /** A sort: its key columns (as selected), SQL order, and whether it descends. */
    enum Sort {
        NEWEST("-created", List.of("created_at", "id"), true),
        OLDEST("created", List.of("created_at", "id"), false),
        RECENTLY_UPDATED("-updated", List.of("updated_at", "id"), true),
        LEAST_RECENTLY_UPDATED("updated", List.of("updated_at", "id"), false),
        MOST_URGENT("-priority", List.of("priority_rank", "created_at", "id"), true),
        LEAST_URGENT("priority", List.of("priority_rank", "created_at", "id"), false),
        RELEVANCE("relevance", List.of("rank", "id"), true),
        /** Service levels: the longest breached first, then the soonest due; tickets without a running clock last. */
        SLA_DUE("sla", List.of("sla_due", "id"), false),
        /** By title (the database's collation), then oldest first. */
        TITLE("title", List.of("title", "created_at", "id"), false),
        TITLE_DESCENDING("-title", List.of("title", "created_at", "id"), true),
        /** By the requester's name, then oldest first. */
        REQUESTER("requester", List.of("requester_key", "created_at", "id"), false),
        REQUESTER_DESCENDING("-requester", List.of("requester_key", "created_at", "id"), true),
        /** By the assignee's name, unassigned tickets first, then oldest first. */
        ASSIGNEE("assignee", List.of("assignee_key", "created_at", "id"), false),
        ASSIGNEE_DESCENDING("-assignee", List.of("assignee_key", "created_at", "id"), true),
        /** In the workflow's order (open, in progress, waiting on customer, resolved, closed), then oldest first. */
        STATUS("status", List.of("status_rank", "created_at", "id"), false),
        STATUS_DESCENDING("-status", List.of("status_rank", "created_at", "id"), true);

        final String wireName;
        final List<String> keys;
        final boolean descending;

        Sort(String wireName, List<String> keys, boolean descending) {
            this.wireName = wireName;
            this.keys = keys;
            this.descending = descending;
        }

        /** The wire names, as the API lists them. */
        static List<String> wireNames() {
            return java.util.Arrays.stream(values()).map(sort -> sort.wireName).toList();
        }

        static java.util.Optional<Sort> fromWireName(String text) {
            for (Sort sort : values()) {
                if (sort.wireName.equals(text)) {
                    return java.util.Optional.of(sort);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The rows, and each row's sort key (the cursor after it). */
    record Page(List<TicketListItem> items, List<List<Object>> keys) {
    }

    static final String RANK = "ts_rank_cd(search_vector, query)";
    /**
     * The ticket's earliest breach or due time, or a moment after every real one when it has none: what the index
     * {@code ticket_by_sla_due} holds, so the service-level filters and sort read it.
     */
    static final String SLA_DUE = "coalesce(sla_due_at, '9999-12-31T00:00:00Z'::timestamptz)";
    /** The sort keys that are expressions, by the name a sort calls them (each is an index's first column). */
    private static final Map<String, String> KEY_EXPRESSIONS = Map.of(
            "rank", RANK,
            "sla_due", SLA_DUE,
            "requester_key", "coalesce(requester_name, '')",
            "assignee_key", "coalesce(assignee_name, '')",
            "status_rank", "CASE status WHEN 'open' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'waiting_on_customer' THEN 3 "
                    + "WHEN 'resolved' THEN 4 ELSE 5 END");
    private static final String COLUMNS = "id, number, title, status, priority, priority_rank, requester_id, "
            + "requester_name, assignee_id, assignee_name, tags, archived, public_comment_count, attachment_count, "
            + "created_at, updated_at, last_activity_at, version, sla_due_at, " + SLA_DUE + " AS sla_due, "
            + KEY_EXPRESSIONS.get("requester_key") + " AS requester_key, " + KEY_EXPRESSIONS.get("assignee_key")
            + " AS assignee_key, " + KEY_EXPRESSIONS.get("status_rank") + " AS status_rank";

    private TicketSearch() {
    }

    /**
     * The oldest of the newest {@code size} full-text matches (by creation), or empty when there are fewer: ranking
     * by relevance considers the matches from there on. Ranking every match of a word in a fifth of a million
     * tickets means reading them all; the window bounds that work by the newest matches, which an index walk
     * finds cheaply.
     */
    static Optional<Window> window(ReadModelSql sql, String text, FilterSql.Compiled filter, int size) {
        List<Object> params = new ArrayList<>(List.of(text));
        String condition = "";
        if (filter != null) {
            condition = " AND " + filter.sql();
            params.addAll(filter.params());
        }
        params.add(size - 1);
        return sql.sql("SELECT created_at, id FROM {rm}.ticket, websearch_to_tsquery('english', ?) query "
                        + "WHERE search_vector @@ query" + condition
                        + " ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")
                .params(params)
                .query((rs, n) -> new Window(Timestamp.from(rs.getObject("created_at", OffsetDateTime.class).toInstant()),
                        rs.getObject("id", UUID.class)))
                .optional();
    }

    /** Relevance is ranked among the matches created at or after this one. */
    record Window(Timestamp createdAt, UUID id) {
    }

    /**
     * @param text    free text, or null
     * @param filter  the compiled filter, or null
     * @param after   the sort key of the last row of the previous page, or null for the first page
     * @param window  for relevance: rank only matches from this one on (null: all)
     */
    static Page run(ReadModelSql sql, String text, Match match, FilterSql.Compiled filter, Sort sort,
                    List<Object> after, Window window, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder statement = new StringBuilder("SELECT ").append(COLUMNS);
        if (match == Match.FULLTEXT) {
            statement.append(", ").append(RANK).append(" AS rank FROM {rm}.ticket, websearch_to_tsquery('english', ?) query");
            params.add(text);
        } else {
            statement.append(", NULL::real AS rank FROM {rm}.ticket");
        }
        List<String> conditions = new ArrayList<>();
        if (match == Match.FULLTEXT) {
            conditions.add("search_vector @@ query");
        } else if (match == Match.SUBSTRING) {
            conditions.add("title ILIKE ?");
            params.add("%" + FilterSql.likeEscaped(text) + "%");
        }
        if (filter != null) {
            conditions.add(filter.sql());
            params.addAll(filter.params());
        }
        if (window != null) {
            conditions.add("(created_at, id) >= (?, ?)");
            params.add(window.createdAt());
            params.add(window.id());
        }
        List<String> keyExpressions = sort.keys.stream()
                .map(k -> KEY_EXPRESSIONS.getOrDefault(k, k)).toList();
        if (after != null) {
            conditions.add("(" + String.join(", ", keyExpressions) + ") " + (sort.descending ? "<" : ">") + " ("
                    + "?, ".repeat(after.size() - 1) + "?)");
            params.addAll(after);
        }
        if (!conditions.isEmpty()) {
            statement.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        statement.append(" ORDER BY ").append(String.join(", ", keyExpressions.stream()
                .map(k -> k + (sort.descending ? " DESC" : " ASC")).toList()));
        statement.append(" LIMIT ?");
        params.add(limit);
        List<Object[]> rows = new ArrayList<>();
        List<TicketListItem> items = sql.sql(statement.toString()).params(params).query(rowMapper(sort, rows)).list();
        return new Page(items, rows.stream().map(java.util.Arrays::asList).toList());
    }

    /**
     * How many tickets match: full-text matches of {@code text}, or (when none matches a whole word, as a search falls
     * back) tickets whose title holds it; all of them when there is no text.
     */
    static long count(ReadModelSql sql, String text, FilterSql.Compiled filter) {
        if (text == null) {
            return count(sql, "", List.of(), filter);
        }
        long matches = count(sql, ", websearch_to_tsquery('english', ?) query WHERE search_vector @@ query",
                List.of(text), filter);
        return matches > 0 || text.length() < 3 ? matches
                : count(sql, " WHERE title ILIKE ?", List.of("%" + FilterSql.likeEscaped(text) + "%"), filter);
    }

    private static long count(ReadModelSql sql, String from, List<Object> textParams, FilterSql.Compiled filter) {
        List<Object> params = new ArrayList<>(textParams);
        String condition = "";
        if (filter != null) {
            condition = (from.contains("WHERE") ? " AND " : " WHERE ") + filter.sql();
            params.addAll(filter.params());
        }
        return sql.sql("SELECT count(*) FROM {rm}.ticket" + from + condition).params(params).query(Long.class)
                .single();
    }

    /** Maps a row and remembers its sort key, the cursor of the next page. */
    private static RowMapper<TicketListItem> rowMapper(Sort sort, List<Object[]> keys) {
        return (rs, n) -> {
            Object[] key = new Object[sort.keys.size()];
            for (int i = 0; i < key.length; i++) {
                String column = sort.keys.get(i);
                key[i] = switch (column) {
                    case "created_at", "updated_at", "sla_due" ->
                            Timestamp.from(rs.getObject(column, OffsetDateTime.class).toInstant());
                    case "priority_rank", "status_rank" -> rs.getInt(column);
                    case "rank" -> rs.getFloat(column);
                    case "title", "requester_key", "assignee_key" -> rs.getString(column);
                    default -> rs.getObject(column, UUID.class);
                };
            }
            keys.add(key);
            Object rank = rs.getObject("rank");
            return new TicketListItem(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
                    rs.getString("status"), rs.getString("priority"),
                    TicketListItem.Person.of(rs.getObject("requester_id", UUID.class), rs.getString("requester_name")),
                    TicketListItem.Person.of(rs.getObject("assignee_id", UUID.class), rs.getString("assignee_name")),
                    List.of((String[]) rs.getArray("tags").getArray()), rs.getBoolean("archived"),
                    rs.getInt("public_comment_count"), rs.getInt("attachment_count"), instant(rs, "created_at"),
                    instant(rs, "updated_at"), instant(rs, "last_activity_at"), rs.getLong("version"),
                    instant(rs, "sla_due_at"), rank == null ? null : ((Number) rank).floatValue());
        };
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
