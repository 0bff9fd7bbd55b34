package dev.docket.query.ticket;

import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import dev.docket.query.ticket.Filter.Op;
import dev.docket.support.web.DateOrInstant;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a {@link Filter} into a SQL condition on {@code ticket}. Values are checked here (a status that does not
 * exist is an error naming its position, not an empty result) and always bound as parameters; every condition is
 * written so an index of {@code ticket} can serve it.
 */
final class FilterSql {

    record Compiled(String sql, List<Object> params) {

        /** The parts, each compiled once, as one condition that all of them hold. */
        static Compiled all(List<Compiled> parts) {
            return new Compiled(parts.stream().map(Compiled::sql).collect(Collectors.joining(" AND ", "(", ")")),
                    parts.stream().flatMap(p -> p.params().stream()).toList());
        }
    }

    static final Set<String> FIELDS = Set.of("status", "priority", "assignee", "requester", "tag", "archived",
            "created", "updated", "age", "number", "title", "description", "text");
    private static final int MIN_SUBSTRING = 3;
    private static final Set<Op> EQUALITY = EnumSet.of(Op.EQ, Op.NE, Op.IN, Op.NOT_IN);

    private final Instant now;
    private final List<Object> params = new ArrayList<>();

    private FilterSql(Instant now) {
        this.now = now;
    }

    /** @param now the instant ages are measured from */
    static Compiled compile(Filter filter, Instant now) {
        FilterSql compiler = new FilterSql(now);
        String sql = compiler.sql(filter);
        return new Compiled(sql, List.copyOf(compiler.params));
    }

    /** Whether the filter says anything about {@code field}. */
    static boolean mentions(Filter filter, String field) {
        return switch (filter) {
            case Filter.All all -> all.parts().stream().anyMatch(p -> mentions(p, field));
            case Filter.Any any -> any.parts().stream().anyMatch(p -> mentions(p, field));
            case Filter.Not not -> mentions(not.inner(), field);
            case Filter.Condition condition -> condition.field().equals(field);
            case Filter.Age age -> field.equals("age");
            case Filter.Sla sla -> field.equals("sla");
            case Filter.History history -> false; // the past says nothing about the ticket as it is
        };
    }

    private String sql(Filter filter) {
        return switch (filter) {
            case Filter.All all -> all.parts().stream().map(this::sql).collect(Collectors.joining(" AND ", "(", ")"));
            case Filter.Any any -> any.parts().stream().map(this::sql).collect(Collectors.joining(" OR ", "(", ")"));
            case Filter.Not not -> "NOT " + sql(not.inner());
            case Filter.Condition condition -> condition(condition);
            case Filter.Age age -> age(age);
            case Filter.Sla sla -> sla(sla);
            case Filter.History history -> history(history);
        };
    }

    private String condition(Filter.Condition c) {
        return switch (c.field()) {
            case "status" -> equality(c, "status", textValues(c, v -> TicketStatus.fromWireName(v).isPresent(),
                    "a status (" + wireNames(TicketStatus.values()) + ")"), "text");
            case "priority" -> priority(c);
            case "assignee" -> person(c, "assignee_id", true);
            case "requester" -> person(c, "requester_id", false);
            case "tag" -> tag(c);
            case "archived" -> archived(c);
            case "created" -> time(c, "created_at");
            case "updated" -> time(c, "updated_at");
            case "number" -> equality(c, "number", textValues(c, v -> true, "a ticket number"), "text");
            case "title", "description", "text" -> text(c);
            default -> throw new FilterSyntaxException(c.fieldPosition(), "unknown field '" + c.field()
                    + "'; fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
        };
    }

    /**
     * = != IN and NOT IN over one column. One value is always a plain comparison: {@code = ANY} on the leading
     * column of an index cannot return rows in the index's order, which a sorted page needs.
     */
    private String equality(Filter.Condition c, String column, List<?> values, String sqlType) {
        Op op = values.size() == 1 && c.op() == Op.IN ? Op.EQ
                : values.size() == 1 && c.op() == Op.NOT_IN ? Op.NE : c.op();
        return switch (op) {
            case EQ -> bind(column + " = ?", values.getFirst());
            case NE -> bind(column + " <> ?", values.getFirst());
            case IN -> bind(column + " = ANY (?::" + sqlType + "[])", array(values));
            case NOT_IN -> bind("NOT (" + column + " = ANY (?::" + sqlType + "[]))", array(values));
            default -> throw unsupported(c, EQUALITY);
        };
    }

    private String priority(Filter.Condition c) {
        List<Integer> ranks = new ArrayList<>();
        for (Filter.Value value : c.values()) {
            ranks.add(Priority.fromWireName(value.text().toLowerCase(Locale.ROOT)).map(TicketProjection::rankOf)
                    .orElseThrow(() -> new FilterSyntaxException(value.position(), "expected a priority ("
                            + wireNames(Priority.values()) + "), found '" + value.text() + "'")));
        }
        return Op.COMPARISONS.contains(c.op()) ? bind("priority_rank " + c.op().symbol() + " ?", ranks.getFirst())
                : equality(c, "priority_rank", ranks, "smallint");
    }

    /** A person by id; for the assignee, {@code none} means unassigned. */
    private String person(Filter.Condition c, String column, boolean noneAllowed) {
        List<UUID> ids = new ArrayList<>();
        boolean none = false;
        for (Filter.Value value : c.values()) {
            if (noneAllowed && value.text().equalsIgnoreCase("none")) {
                none = true;
                continue;
            }
            try {
                ids.add(UUID.fromString(value.text()));
            } catch (IllegalArgumentException e) {
                throw new FilterSyntaxException(value.position(), "expected a person's id (a UUID)"
                        + (noneAllowed ? " or none" : "") + ", found '" + value.text() + "'");
            }
        }
        String isNone = column + " IS NULL";
        String matches = ids.isEmpty() ? "FALSE" : ids.size() == 1 ? bind(column + " = ?", ids.getFirst())
                : bind(column + " = ANY (?::uuid[])", array(ids));
        String positive = none ? (ids.isEmpty() ? isNone : "(" + matches + " OR " + isNone + ")") : matches;
        return switch (c.op()) {
            case EQ, IN -> positive;
            // NULL never equals: "!= x" keeps the unassigned tickets
            case NE, NOT_IN -> "NOT coalesce(" + positive + ", FALSE)";
            default -> throw unsupported(c, EQUALITY);
        };
    }

    private String tag(Filter.Condition c) {
        String[] tags = c.values().stream().map(Filter.Value::text).toArray(String[]::new);
        return switch (c.op()) {
            case EQ -> bind("tags @> ?::text[]", (Object) new String[] {tags[0]});
            case NE -> bind("NOT tags @> ?::text[]", (Object) new String[] {tags[0]});
            case IN -> bind("tags && ?::text[]", (Object) tags);
            case NOT_IN -> bind("NOT tags && ?::text[]", (Object) tags);
            default -> throw unsupported(c, EQUALITY);
        };
    }

    private String archived(Filter.Condition c) {
        Filter.Value value = c.values().getFirst();
        String text = value.text().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new FilterSyntaxException(value.position(), "expected true or false, found '" + value.text() + "'");
        }
        boolean archived = Boolean.parseBoolean(text);
        return switch (c.op()) {
            case EQ -> archived ? "archived" : "NOT archived";
            case NE -> archived ? "NOT archived" : "archived";
            default -> throw unsupported(c, EnumSet.of(Op.EQ, Op.NE));
        };
    }

    /** created/updated against an instant or a date (UTC); {@code = date} is that whole day. */
    private String time(Filter.Condition c, String column) {
        Filter.Value value = c.values().getFirst();
        if (c.op() == Op.EQ) {
            Instant day = date(value);
            return bind("(" + column + " >= ? AND " + column + " < ?)", Timestamp.from(day),
                    Timestamp.from(day.plus(Duration.ofDays(1))));
        }
        if (!Op.COMPARISONS.contains(c.op())) {
            throw unsupported(c, EnumSet.of(Op.EQ, Op.LT, Op.LE, Op.GT, Op.GE));
        }
        return bind(column + " " + c.op().symbol() + " ?", Timestamp.from(instant(value)));
    }

    static final Set<String> HISTORY_FIELDS = Set.of("status", "priority", "assignee", "requester", "tag", "archived");

    /**
     * WAS and CHANGED, from {@code ticket_field_history}: WAS finds a span of one of the values overlapping the period
     * (its index over field, value and start); CHANGED a span begun by a change (not the opening) in the
     * period, from and to the values named, or for tags an addition (TO) or a removal (FROM) of one.
     */
    private String history(Filter.History h) {
        if (!HISTORY_FIELDS.contains(h.field())) {
            throw new FilterSyntaxException(h.fieldPosition(), (FIELDS.contains(h.field()) ? h.field()
                    + " has no history to search" : "unknown field '" + h.field() + "'") + "; WAS and CHANGED take "
                    + String.join(", ", HISTORY_FIELDS.stream().sorted().toList()));
        }
        Instant since = h.on() != null ? date(h.on()) : h.since() == null ? null : instant(h.since());
        Instant until = h.on() != null ? since.plus(Duration.ofDays(1)) : h.until() == null ? null : instant(h.until());
        if (since != null && until != null && !since.isBefore(until)) {
            throw new FilterSyntaxException((h.until() != null ? h.until() : h.on()).position(),
                    "the period must end after it starts");
        }
        StringBuilder where = new StringBuilder("h.ticket_id = ticket.id AND ")
                .append(bind("h.field = ?", h.field()));
        if (h.changed() && h.field().equals("tag")) {
            if (h.from() != null && h.to() != null) {
                throw new FilterSyntaxException(h.from().position(), "tag CHANGED takes FROM (a tag removed) or TO (a "
                        + "tag added), not both");
            }
            // parameters bind in the order of the SQL: each part is written only when it is used
            java.util.function.Supplier<String> added = () -> "h.from_version > 1"
                    + (h.to() != null ? " AND " + bind("h.value = ?", h.to().text()) : "")
                    + (h.by() != null ? " AND " + bind("h.set_by = ?", h.by().text()) : "")
                    + period("h.from_time", since, until);
            java.util.function.Supplier<String> removed = () -> "h.to_version IS NOT NULL"
                    + (h.from() != null ? " AND " + bind("h.value = ?", h.from().text()) : "")
                    + (h.by() != null ? " AND " + bind("h.ended_by = ?", h.by().text()) : "")
                    + period("h.to_time", since, until);
            if (h.from() != null) {
                where.append(" AND ").append(removed.get());
            } else if (h.to() != null) {
                where.append(" AND ").append(added.get());
            } else {
                String addition = added.get();
                where.append(" AND ((").append(addition).append(") OR (").append(removed.get()).append("))");
            }
        } else if (h.changed()) {
            where.append(" AND h.from_version > 1");
            if (h.to() != null) {
                where.append(" AND ").append(values(h.field(), List.of(h.to()), "h.value"));
            }
            if (h.from() != null) {
                where.append(" AND ").append(values(h.field(), List.of(h.from()), "h.previous"));
            }
            if (h.by() != null) {
                where.append(" AND ").append(bind("h.set_by = ?", h.by().text()));
            }
            where.append(period("h.from_time", since, until));
        } else {
            where.append(" AND ").append(values(h.field(), h.values(), "h.value"));
            if (h.by() != null) {
                where.append(" AND ").append(bind("h.set_by = ?", h.by().text()));
            }
            if (since != null || until != null) {
                // the span [from_time, to_time) overlaps [since, until), and held the value for a moment at least
                where.append(until == null ? "" : " AND " + bind("h.from_time < ?", Timestamp.from(until)))
                        .append(" AND (h.to_time IS NULL OR (h.to_time > h.from_time")
                        .append(since == null ? "" : " AND " + bind("h.to_time > ?", Timestamp.from(since)))
                        .append("))");
            }
        }
        return "EXISTS (SELECT 1 FROM {rm}.ticket_field_history h WHERE " + where + ")";
    }

    /** {@code column} is one of the values (as the history stores them: wire names, ids, tags; none is null). */
    private String values(String field, List<Filter.Value> values, String column) {
        List<String> conditions = new ArrayList<>();
        for (Filter.Value value : values) {
            String text = value.text().toLowerCase(Locale.ROOT);
            String stored = switch (field) {
                case "status" -> TicketStatus.fromWireName(text).map(TicketStatus::wireName).orElseThrow(() ->
                        new FilterSyntaxException(value.position(), "expected a status (" + wireNames(
                                TicketStatus.values()) + "), found '" + value.text() + "'"));
                case "priority" -> Priority.fromWireName(text).map(Priority::wireName).orElseThrow(() ->
                        new FilterSyntaxException(value.position(), "expected a priority (" + wireNames(
                                Priority.values()) + "), found '" + value.text() + "'"));
                case "archived" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new FilterSyntaxException(value.position(), "expected true or false, found '"
                                + value.text() + "'");
                    }
                    yield text;
                }
                case "assignee", "requester" -> {
                    if (field.equals("assignee") && text.equals("none")) {
                        yield null;
                    }
                    try {
                        yield UUID.fromString(value.text()).toString();
                    } catch (IllegalArgumentException e) {
                        throw new FilterSyntaxException(value.position(), "expected a person's id (a UUID)"
                                + (field.equals("assignee") ? " or none" : "") + ", found '" + value.text() + "'");
                    }
                }
                default -> value.text();
            };
            conditions.add(stored == null ? column + " IS NULL" : bind(column + " = ?", stored));
        }
        return conditions.size() == 1 ? conditions.getFirst() : "(" + String.join(" OR ", conditions) + ")";
    }

    private String period(String column, Instant since, Instant until) {
        return (since == null ? "" : " AND " + bind(column + " >= ?", Timestamp.from(since)))
                + (until == null ? "" : " AND " + bind(column + " < ?", Timestamp.from(until)));
    }

    private static Instant instant(Filter.Value value) {
        try {
            return DateOrInstant.parse(value.text());
        } catch (DateTimeParseException e) {
            throw new FilterSyntaxException(value.position(), "expected a date (2026-11-24) or an instant "
                    + "(2026-11-24T09:30:00Z), found '" + value.text() + "'");
        }
    }

    /** The service-level states, measured at now from the ticket's earliest due time and warning time. */
    private String sla(Filter.Sla sla) {
        Timestamp at = Timestamp.from(now);
        return switch (sla.state()) {
            case BREACHED -> bind(TicketSearch.SLA_DUE + " <= ?", at);
            case AT_RISK -> bind("(sla_warn_at <= ? AND " + TicketSearch.SLA_DUE + " > ?)", at, at);
            case DUE_WITHIN -> bind("(" + TicketSearch.SLA_DUE + " > ? AND " + TicketSearch.SLA_DUE + " <= ?)", at,
                    Timestamp.from(now.plus(
                    sla.within())));
        };
    }

    /** age > 7d: opened more than 7 days before now. */
    private String age(Filter.Age age) {
        // No ticket is older than the epoch; a longer age (up to 999,999 weeks parse) stays a valid timestamp
        Instant earliest = now.minus(age.duration());
        Timestamp boundary = Timestamp.from(earliest.isBefore(Instant.EPOCH) ? Instant.EPOCH : earliest);
        return switch (age.op()) {
            case GT -> bind("created_at < ?", boundary);
            case GE -> bind("created_at <= ?", boundary);
            case LT -> bind("created_at > ?", boundary);
            case LE -> bind("created_at >= ?", boundary);
            default -> throw new IllegalArgumentException("age compares with < <= > >=, not " + age.op().symbol());
        };
    }

    /**
     * MATCHES: full-text (web search syntax: words, "phrases", -exclusions, or), through the search vector's index;
     * on title (with the number) or description the query is restricted to that part's weight of the vector.
     * CONTAINS: a substring of the title, through its trigram index.
     */
    private String text(Filter.Condition c) {
        Filter.Value value = c.values().getFirst();
        if (c.op() == Op.MATCHES) {
            String query = "websearch_to_tsquery('english', ?)";
            return switch (c.field()) {
                case "title" -> bind("search_vector @@ {rm}.tsquery_in_weight(" + query + ", 'A')", value.text());
                case "description" -> bind("search_vector @@ {rm}.tsquery_in_weight(" + query + ", 'B')", value.text());
                default -> bind("search_vector @@ " + query, value.text());
            };
        }
        if (c.op() == Op.CONTAINS && c.field().equals("title")) {
            if (value.text().length() < MIN_SUBSTRING) {
                throw new FilterSyntaxException(value.position(), "CONTAINS needs at least " + MIN_SUBSTRING
                        + " characters");
            }
            return bind("title ILIKE ?", "%" + likeEscaped(value.text()) + "%");
        }
        throw unsupported(c, c.field().equals("title") ? EnumSet.of(Op.MATCHES, Op.CONTAINS) : EnumSet.of(Op.MATCHES));
    }

    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private List<String> textValues(Filter.Condition c, java.util.function.Predicate<String> valid, String what) {
        List<String> values = new ArrayList<>();
        for (Filter.Value value : c.values()) {
            String text = c.field().equals("number") ? value.text() : value.text().toLowerCase(Locale.ROOT);
            if (!valid.test(text)) {
                throw new FilterSyntaxException(value.position(), "expected " + what + ", found '" + value.text() + "'");
            }
            values.add(text);
        }
        return values;
    }

    /** Binds each value to the next {@code ?}; an array goes in as one array parameter. */
    private String bind(String sql, Object... values) {
        params.addAll(List.of(values));
        return sql;
    }

    /** The values as a typed array, which the driver sends as a PostgreSQL array. */
    private static Object array(List<?> values) {
        Object first = values.getFirst();
        if (first instanceof Integer) {
            return values.toArray(Integer[]::new);
        }
        if (first instanceof UUID) {
            return values.toArray(UUID[]::new);
        }
        return values.toArray(String[]::new);
    }

    private static Instant date(Filter.Value value) {
        try {
            return LocalDate.parse(value.text()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new FilterSyntaxException(value.position(), "expected a date (2026-11-24), found '" + value.text()
                    + "'");
        }
    }

    private static FilterSyntaxException unsupported(Filter.Condition c, Set<Op> supported) {
        return new FilterSyntaxException(c.fieldPosition(), c.field() + " supports " + Op.list(supported) + ", not "
                + c.op().symbol());
    }

    private static String wireNames(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
