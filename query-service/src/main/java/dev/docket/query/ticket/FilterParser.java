package dev.docket.query.ticket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the search {@code filter} expression:
 *
 * <pre>
 * expression := or
 * or         := and ("OR" and)*
 * and        := unary ("AND" unary)*
 * unary      := "NOT" unary | "(" expression ")" | ("OLDER" | "NEWER") "THAN" duration | sla | condition
 * sla        := "SLA" ("BREACHED" | "AT" "RISK" | "DUE" "WITHIN" duration)
 * condition  := field ("=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "MATCHES" | "CONTAINS") value
 *             | field ["NOT"] "IN" "(" value ("," value)* ")"
 *             | field "WAS" ["NOT"] (value | "IN" "(" value ("," value)* ")") past*
 *             | field "CHANGED" (past | "FROM" value | "TO" value)*
 * past       := "BY" value | "DURING" "(" value "," value ")" | "AFTER" value | "BEFORE" value | "ON" value
 * duration   := word like 7d, 12h, 30m, 2w  |  number ("minutes" | "hours" | "days" | "weeks")   (up to 6 digits)
 * value      := word | "double quoted" | 'single quoted'
 * </pre>
 *
 * Keywords are case-insensitive. The parser builds the tree, with operators as {@link Filter.Op} and the field
 * {@code age} (and its sugar) read straight into a {@link Duration}; {@link FilterSql} checks the other fields and
 * values and binds every value as a parameter. Errors name the 1-based position.
 */
final class FilterParser {

    /** The longest expression taken, in characters. */
    static final int MAX_LENGTH = 2000;
    private static final int MAX_AMOUNT_DIGITS = 6;
    private static final Pattern COMPACT_DURATION = Pattern.compile("([0-9]{1," + MAX_AMOUNT_DIGITS + "})([mhdw])",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_DEPTH = 32;
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "matches", "contains", "older",
            "newer", "than", "was", "changed", "during");

    private enum Kind { WORD, STRING, LPAREN, RPAREN, COMMA, OPERATOR, END }

    private record Token(Kind kind, String text, int position) {

        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return kind == Kind.END ? "the end" : "'" + text + "'";
        }
    }

    private final List<Token> tokens;
    private int next;
    private int depth;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Filter parse(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new FilterSyntaxException(MAX_LENGTH + 1, "the filter is longer than " + MAX_LENGTH + " characters");
        }
        FilterParser parser = new FilterParser(tokenize(expression));
        if (parser.peek().kind() == Kind.END) {
            throw new FilterSyntaxException(1, "the filter is empty");
        }
        Filter filter = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new FilterSyntaxException(rest.position(), "expected AND, OR or the end, found " + rest.describe());
        }
        return filter;
    }

    private Filter or() {
        List<Filter> parts = new ArrayList<>(List.of(and()));
        while (peek().is("or")) {
            next++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.Any(parts);
    }

    private Filter and() {
        List<Filter> parts = new ArrayList<>(List.of(unary()));
        while (peek().is("and")) {
            next++;
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.All(parts);
    }

    private Filter unary() {
        Token token = peek();
        if (++depth > MAX_DEPTH) {
            throw new FilterSyntaxException(token.position(), "the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (token.is("not")) {
                next++;
                return new Filter.Not(unary());
            }
            if (token.kind() == Kind.LPAREN) {
                next++;
                Filter inner = or();
                expect(Kind.RPAREN, "')'");
                return inner;
            }
            if (token.is("older") || token.is("newer")) {
                next++;
                Token than = take();
                if (!than.is("than")) {
                    throw new FilterSyntaxException(than.position(), "expected THAN after " + token.text().toUpperCase(
                            Locale.ROOT) + ", found " + than.describe());
                }
                return new Filter.Age(token.position(), token.is("older") ? Filter.Op.GT : Filter.Op.LT, duration());
            }
            if (token.is("sla")) {
                next++;
                return sla(token);
            }
            return condition();
        } finally {
            depth--;
        }
    }

    private Filter condition() {
        Token field = take();
        if (field.kind() != Kind.WORD || KEYWORDS.contains(field.text().toLowerCase(Locale.ROOT))) {
            throw new FilterSyntaxException(field.position(), "expected a field name, found " + field.describe());
        }
        Token op = take();
        String name = field.text().toLowerCase(Locale.ROOT);
        if (name.equals("age")) {
            return age(field, op);
        }
        if (op.kind() == Kind.OPERATOR) {
            return new Filter.Condition(name, field.position(), Filter.Op.ofSymbol(op.text()), List.of(value()));
        }
        if (op.is("was") || op.is("changed")) {
            return history(field, name, op.is("changed"));
        }
        if (op.is("matches") || op.is("contains")) {
            return new Filter.Condition(name, field.position(), op.is("matches") ? Filter.Op.MATCHES
                    : Filter.Op.CONTAINS, List.of(value()));
        }
        boolean negated = false;
        if (op.is("not")) {
            negated = true;
            op = take();
            if (!op.is("in")) {
                throw new FilterSyntaxException(op.position(), "expected IN after NOT, found " + op.describe());
            }
        }
        if (op.is("in")) {
            expect(Kind.LPAREN, "'(' after IN");
            List<Filter.Value> values = new ArrayList<>(List.of(value()));
            while (peek().kind() == Kind.COMMA) {
                next++;
                values.add(value());
            }
            expect(Kind.RPAREN, "',' or ')'");
            return new Filter.Condition(name, field.position(), negated ? Filter.Op.NOT_IN : Filter.Op.IN, values);
        }
        throw new FilterSyntaxException(op.position(), "expected an operator (= != < <= > >= IN MATCHES CONTAINS WAS "
                + "CHANGED) after "
                + field.text() + ", found " + op.describe());
    }

    /** After {@code field WAS} or {@code field CHANGED}: the values, then each of the clauses at most once. */
    private Filter history(Token field, String name, boolean changed) {
        boolean negated = false;
        List<Filter.Value> values = List.of();
        if (!changed) {
            if (peek().is("not")) {
                next++;
                negated = true;
            }
            if (peek().is("in")) {
                next++;
                expect(Kind.LPAREN, "'(' after IN");
                values = new ArrayList<>(List.of(value()));
                while (peek().kind() == Kind.COMMA) {
                    next++;
                    values.add(value());
                }
                expect(Kind.RPAREN, "',' or ')'");
            } else {
                values = List.of(value());
            }
        }
        Filter.Value from = null;
        Filter.Value to = null;
        Filter.Value by = null;
        Filter.Value since = null;
        Filter.Value until = null;
        Filter.Value on = null;
        while (true) {
            Token clause = peek();
            boolean periodFree = since == null && until == null && on == null;
            if (changed && clause.is("from") && from == null) {
                next++;
                from = value();
            } else if (changed && clause.is("to") && to == null) {
                next++;
                to = value();
            } else if (clause.is("by") && by == null) {
                next++;
                by = value();
            } else if (clause.is("during") && periodFree) {
                next++;
                expect(Kind.LPAREN, "'(' after DURING");
                since = value();
                expect(Kind.COMMA, "',' between the period's start and end");
                until = value();
                expect(Kind.RPAREN, "')'");
            } else if (clause.is("after") && since == null && on == null) {
                next++;
                since = value();
            } else if (clause.is("before") && until == null && on == null) {
                next++;
                until = value();
            } else if (clause.is("on") && periodFree) {
                next++;
                on = value();
            } else {
                break;
            }
        }
        Filter history = new Filter.History(name, field.position(), changed, values, from, to, by, since, until, on);
        return negated ? new Filter.Not(history) : history;
    }

    private Filter.Value value() {
        Token token = take();
        if (token.kind() == Kind.STRING
                || token.kind() == Kind.WORD && !KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT))) {
            return new Filter.Value(token.text(), token.position());
        }
        throw new FilterSyntaxException(token.position(), "expected a value, found " + token.describe());
    }

    /** After {@code SLA}: {@code BREACHED}, {@code AT RISK} or {@code DUE WITHIN duration}. */
    private Filter sla(Token sla) {
        Token word = take();
        if (word.is("breached")) {
            return new Filter.Sla(sla.position(), Filter.Sla.SlaState.BREACHED, null);
        }
        if (word.is("at") && peek().is("risk")) {
            next++;
            return new Filter.Sla(sla.position(), Filter.Sla.SlaState.AT_RISK, null);
        }
        if (word.is("due") && peek().is("within")) {
            next++;
            return new Filter.Sla(sla.position(), Filter.Sla.SlaState.DUE_WITHIN, duration());
        }
        throw new FilterSyntaxException(word.position(), "expected BREACHED, AT RISK or DUE WITHIN a duration after "
                + "SLA, found " + word.describe());
    }

    /** {@code age < <= > >= duration}; any other operator is refused here, where the field is known. */
    private Filter age(Token field, Token op) {
        Filter.Op comparison = op.kind() == Kind.OPERATOR ? Filter.Op.ofSymbol(op.text()) : null;
        if (Filter.Op.COMPARISONS.contains(comparison)) {
            return new Filter.Age(field.position(), comparison, duration());
        }
        if (op.kind() == Kind.OPERATOR || op.is("in") || op.is("not") || op.is("matches") || op.is("contains")) {
            throw new FilterSyntaxException(field.position(), "age supports " + Filter.Op.list(Filter.Op.COMPARISONS)
                    + " (or OLDER THAN / NEWER THAN), not " + (op.is("not") ? "NOT IN" : op.text().toUpperCase(
                    Locale.ROOT)));
        }
        throw new FilterSyntaxException(op.position(), "expected an operator (< <= > >=) after " + field.text()
                + ", found " + op.describe());
    }

    /** {@code 7d} or {@code 7 days}. */
    private Duration duration() {
        Token amount = take();
        Matcher compact = COMPACT_DURATION.matcher(amount.text());
        if (amount.kind() == Kind.WORD && compact.matches()) {
            return duration(Long.parseLong(compact.group(1)), compact.group(2).toLowerCase(Locale.ROOT));
        }
        if (amount.kind() != Kind.WORD || amount.text().isEmpty() || amount.text().length() > MAX_AMOUNT_DIGITS
                || !amount.text().chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FilterSyntaxException(amount.position(), "expected a duration such as 30m, 12h, 7d, 2w or 7 days,"
                    + " found " + amount.describe());
        }
        Token unit = take();
        String compactUnit = switch (unit.kind() == Kind.WORD ? unit.text().toLowerCase(Locale.ROOT) : "") {
            case "minute", "minutes" -> "m";
            case "hour", "hours" -> "h";
            case "day", "days" -> "d";
            case "week", "weeks" -> "w";
            default -> throw new FilterSyntaxException(unit.position(),
                    "expected minutes, hours, days or weeks, found " + unit.describe());
        };
        return duration(Long.parseLong(amount.text()), compactUnit);
    }

    private static Duration duration(long amount, String unit) {
        return switch (unit) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    /** A duration on its own, as the {@code olderThan} and {@code newerThan} parameters take it. */
    static Duration duration(String text) {
        FilterParser parser = new FilterParser(tokenize(text));
        Duration duration = parser.duration();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new FilterSyntaxException(rest.position(), "expected the end after the duration, found "
                    + rest.describe());
        }
        return duration;
    }

    private void expect(Kind kind, String what) {
        Token token = take();
        if (token.kind() != kind) {
            throw new FilterSyntaxException(token.position(), "expected " + what + ", found " + token.describe());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int position = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, String.valueOf(c),
                        position));
                i++;
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                String op = i + 1 < text.length() && text.charAt(i + 1) == '=' ? c + "=" : String.valueOf(c);
                if (op.equals("!")) {
                    throw new FilterSyntaxException(position, "expected '!=', found '!'");
                }
                tokens.add(new Token(Kind.OPERATOR, op, position));
                i += op.length();
            } else if (c == '"' || c == '\'') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new FilterSyntaxException(position, "unterminated quoted value");
                    }
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < text.length()) {
                        value.append(text.charAt(j + 1));
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                tokens.add(new Token(Kind.STRING, value.toString(), position));
                i = j + 1;
            } else if (isWordChar(c)) {
                int j = i;
                while (j < text.length() && isWordChar(text.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(i, j), position));
                i = j;
            } else {
                throw new FilterSyntaxException(position, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '+' || c == '@';
    }
}
