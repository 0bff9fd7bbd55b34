package dev.docket.query.ticket;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;

import java.time.Instant;
import java.util.List;

/**
 * A filter-language expression read as a search reads it: parsed and compiled, or refused with
 * {@code INVALID_FILTER} naming the position. What a saved view stores is checked here, so a view that was saved
 * opens.
 */
public final class FilterExpressions {

    private FilterExpressions() {
    }

    /** The expression parsed and compiled, and whether it names {@code archived} (then it decides about archiving). */
    record Checked(FilterSql.Compiled compiled, boolean namesArchived) {
    }

    static Checked compile(String expression, Instant now) {
        try {
            Filter parsed = FilterParser.parse(expression);
            return new Checked(FilterSql.compile(parsed, now), FilterSql.mentions(parsed, "archived"));
        } catch (FilterSyntaxException e) {
            throw new DocketException(ErrorCode.INVALID_FILTER, "filter, position " + e.position() + ": "
                    + e.getMessage(), List.of(new FieldViolation("filter", e.getMessage())))
                    .with("position", e.position());
        }
    }

    /**
     * Refuses an expression a search would refuse.
     *
     * @throws DocketException {@code INVALID_FILTER}, or {@code VALIDATION_FAILED} when it is too long
     */
    public static void check(String expression) {
        if (expression.length() > FilterParser.MAX_LENGTH) {
            throw DocketException.invalid("filter", "must be at most " + FilterParser.MAX_LENGTH + " characters");
        }
        compile(expression, Instant.now());
    }

    /** The orders a search takes without free text, by their names in the API. */
    public static List<String> sortsWithoutText() {
        return TicketSearch.Sort.wireNames().stream().filter(name -> !name.equals(TicketSearch.Sort.RELEVANCE.wireName))
                .toList();
    }

    /** The longest expression a search takes. */
    public static final int MAX_LENGTH = FilterParser.MAX_LENGTH;
}
