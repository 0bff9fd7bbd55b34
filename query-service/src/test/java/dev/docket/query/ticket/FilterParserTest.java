package dev.docket.query.ticket;

import dev.docket.query.ticket.Filter.Op;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filter language: precedence, every form of condition, and errors that name their position. */
class FilterParserTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void andBindsTighterThanOrAndParenthesesOverrideIt() {
        assertThat(FilterParser.parse("status = open OR priority = urgent AND tag = vip")).isEqualTo(
                new Filter.Any(List.of(condition("status", 1, Op.EQ, value("open", 10)),
                        new Filter.All(List.of(condition("priority", 18, Op.EQ, value("urgent", 29)),
                                condition("tag", 40, Op.EQ, value("vip", 46)))))));
        assertThat(FilterParser.parse("(status = open OR priority = urgent) AND tag = vip"))
                .isInstanceOf(Filter.All.class);
    }

    @Test
    void readsInListsNegationQuotedValuesAndAgeSugarCaseInsensitively() {
        Filter filter = FilterParser.parse("NOT status not in (closed, 'resolved') and title MATCHES \"card \\\"declined\\\"\""
                + " and OLDER THAN 7 days");
        assertThat(filter).isInstanceOf(Filter.All.class);
        List<Filter> parts = ((Filter.All) filter).parts();
        assertThat(parts.get(0)).isEqualTo(new Filter.Not(condition("status", 5, Op.NOT_IN, value("closed", 20),
                value("resolved", 28))));
        assertThat(((Filter.Condition) parts.get(1)).values().getFirst().text()).isEqualTo("card \"declined\"");
        assertThat(parts.get(2)).isEqualTo(new Filter.Age(82, Op.GT, Duration.ofDays(7)));
    }

    @Test
    void readsTheServiceLevelStatesAndCompilesThemAgainstNow() {
        Filter filter = FilterParser.parse("sla BREACHED or SLA at risk or not sla due within 2 hours");
        assertThat(filter).isEqualTo(new Filter.Any(List.of(
                new Filter.Sla(1, Filter.Sla.SlaState.BREACHED, null),
                new Filter.Sla(17, Filter.Sla.SlaState.AT_RISK, null),
                new Filter.Not(new Filter.Sla(36, Filter.Sla.SlaState.DUE_WITHIN, Duration.ofHours(2))))));
        FilterSql.Compiled compiled = FilterSql.compile(filter, NOW);
        String due = TicketSearch.SLA_DUE;
        assertThat(compiled.sql()).isEqualTo("(" + due + " <= ? OR (sla_warn_at <= ? AND " + due + " > ?) OR NOT ("
                + due + " > ? AND " + due + " <= ?))");
        java.sql.Timestamp now = java.sql.Timestamp.from(NOW);
        assertThat(compiled.params()).containsExactly(now, now, now, now,
                java.sql.Timestamp.from(NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void readsWasAndChangedWithTheirClausesInAnyOrder() {
        assertThat(FilterParser.parse("status WAS NOT IN (open, closed) BY ana DURING (2026-01-01, 2026-02-01)"))
                .isEqualTo(new Filter.Not(new Filter.History("status", 1, false,
                        List.of(value("open", 20), value("closed", 26)), null, null, value("ana", 37),
                        value("2026-01-01", 49), value("2026-02-01", 61), null)));
        assertThat(FilterParser.parse("assignee changed on 2026-03-04 to none from x by bo")).isEqualTo(
                new Filter.History("assignee", 1, true, List.of(), value("x", 45), value("none", 35), value("bo", 50),
                        null, null, value("2026-03-04", 21)));
        assertThat(FilterSql.compile(FilterParser.parse("assignee CHANGED TO none"), NOW).sql()).isEqualTo(
                "EXISTS (SELECT 1 FROM {rm}.ticket_field_history h WHERE h.ticket_id = ticket.id AND h.field = ? "
                        + "AND h.from_version > 1 AND h.value IS NULL)");
    }

    @Test
    void refusesAHistoryOfAFieldWithoutOneAndRepeatedOrClashingClauses() {
        assertThatThrownBy(() -> FilterSql.compile(FilterParser.parse("title WAS x"), NOW))
                .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("title has no history to search");
        assertThatThrownBy(() -> FilterParser.parse("status WAS open BY a BY b"))
                .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("expected AND, OR or the end");
        assertThatThrownBy(() -> FilterParser.parse("status WAS open ON 2026-01-01 AFTER 2026-01-02"))
                .isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> FilterSql.compile(FilterParser.parse("tag CHANGED FROM a TO b"), NOW))
                .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> FilterSql.compile(FilterParser.parse("priority WAS high BEFORE soon"), NOW))
                .isInstanceOf(FilterSyntaxException.class).hasMessageContaining("found 'soon'");
    }

    @Test
    void refusesAServiceLevelStateItDoesNotKnowAtItsPosition() {
        assertThatThrownBy(() -> FilterParser.parse("status = open AND sla late"))
                .isInstanceOfSatisfying(FilterSyntaxException.class, e -> assertThat(e.position()).isEqualTo(23))
                .hasMessageContaining("expected BREACHED, AT RISK or DUE WITHIN a duration after SLA, found 'late'");
        assertThatThrownBy(() -> FilterParser.parse("sla at"))
                .hasMessageContaining("found 'at'");
        assertThatThrownBy(() -> FilterParser.parse("sla due within"))
                .hasMessageContaining("expected a duration");
    }

    @Test
    void compilesTheOriginGuidesExampleToOneConditionWithEveryValueBound() {
        FilterSql.Compiled compiled = FilterSql.compile(FilterParser.parse(
                "status in (open, in_progress) AND (priority = urgent OR older than 7 days) AND title matches payment"),
                NOW);

        assertThat(compiled.sql()).isEqualTo("(status = ANY (?::text[]) AND (priority_rank = ? OR created_at < ?) AND "
                + "search_vector @@ {rm}.tsquery_in_weight(websearch_to_tsquery('english', ?), 'A'))");
        assertThat(compiled.params()).hasSize(4);
        assertThat((String[]) compiled.params().getFirst()).containsExactly("open", "in_progress");
        assertThat(compiled.params().get(1)).isEqualTo(4);
        assertThat(compiled.params().get(2)).isEqualTo(java.sql.Timestamp.from(NOW.minusSeconds(7 * 86_400)));
        assertThat(compiled.params().get(3)).isEqualTo("payment");
    }

    @Test
    void oneValueIsAPlainComparisonSoAnIndexCanAlsoServeTheSortOrder() {
        UUID agent = UUID.randomUUID();
        FilterSql.Compiled compiled = FilterSql.compile(FilterParser.parse(
                "status in (open) AND assignee in (" + agent + ") AND tag not in (vip) AND priority not in (low)"), NOW);

        assertThat(compiled.sql()).isEqualTo("(status = ? AND assignee_id = ? AND NOT tags && ?::text[] AND "
                + "priority_rank <> ?)");
        assertThat(compiled.params()).containsExactly("open", agent, new String[] {"vip"}, 1);
    }

    @Test
    void valuesNeverBecomeSql() {
        FilterSql.Compiled compiled = FilterSql.compile(FilterParser.parse(
                "title contains \"%'; DROP TABLE ticket; --\" OR tag = \"x' OR 1=1\""), NOW);

        assertThat(compiled.sql()).doesNotContain("DROP").doesNotContain("1=1");
        assertThat(compiled.params().getFirst()).isEqualTo("%\\%'; DROP TABLE ticket; --%");
    }

    @Test
    void namesThePositionOfEachSyntaxError() {
        assertError("", 1, "empty");
        assertError("status", 7, "expected an operator");
        assertError("status = ", 10, "expected a value");
        assertError("status = open open", 15, "expected AND, OR or the end");
        assertError("(status = open", 15, "expected ')'");
        assertError("status = \"open", 10, "unterminated");
        assertError("status ! open", 8, "expected '!='");
        assertError("older 7d", 7, "expected THAN");
        assertError("older than 7 fortnights", 14, "expected minutes, hours, days or weeks");
        assertError("status not open", 12, "expected IN after NOT");
        assertError("AND = open", 1, "expected a field name");
        assertError("(".repeat(40) + "status = open" + ")".repeat(40), 33, "nests deeper");
    }

    @Test
    void namesThePositionOfEachInvalidValue() {
        assertCompileError("priority = extreme", 12, "expected a priority");
        assertCompileError("assignee in (none, bob)", 20, "expected a person's id");
        assertCompileError("created > yesterday", 11, "expected a date");
        assertCompileError("archived = perhaps", 12, "expected true or false");
        assertCompileError("status > open", 1, "status supports =, !=, IN, NOT IN, not >");
        assertCompileError("description contains fire", 1, "supports MATCHES");
        assertCompileError("age > forever", 7, "expected a duration");
        assertCompileError("age = 7d", 1, "age supports <, <=, >, >= (or OLDER THAN / NEWER THAN), not =");
        assertCompileError("age not in (7d)", 1, "not NOT IN");
        assertCompileError("newer than 1234567 days", 12, "expected a duration");
    }

    @Test
    void readsEveryFormOfADurationStraightIntoADuration() {
        assertThat(FilterParser.parse("age >= 2 weeks")).isEqualTo(new Filter.Age(1, Op.GE, Duration.ofDays(14)));
        assertThat(FilterParser.parse("age < 30M")).isEqualTo(new Filter.Age(1, Op.LT, Duration.ofMinutes(30)));
        assertThat(FilterParser.parse("newer than 1 hour")).isEqualTo(new Filter.Age(1, Op.LT, Duration.ofHours(1)));
        assertThat(FilterParser.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(FilterParser.duration("7 days")).isEqualTo(Duration.ofDays(7));
        assertRefused("7 days ago", () -> FilterParser.duration("7 days ago"), 8, "expected the end");
    }

    @Test
    void anAgeBeyondAnyTicketIsClampedNotSentAsATimestampOutOfRange() {
        FilterSql.Compiled compiled = FilterSql.compile(FilterParser.parse("older than 999999w"), NOW);

        assertThat(compiled.sql()).isEqualTo("created_at < ?");
        assertThat(compiled.params()).containsExactly(java.sql.Timestamp.from(Instant.EPOCH));
    }

    @Test
    void partsCompiledOnceJoinAsTheyWouldHaveCompiledTogether() {
        Filter first = FilterParser.parse("status = open OR tag = vip");
        Filter second = FilterParser.parse("older than 7d");
        FilterSql.Compiled together = FilterSql.compile(new Filter.All(List.of(first, second)), NOW);

        assertThat(FilterSql.Compiled.all(List.of(FilterSql.compile(first, NOW), FilterSql.compile(second, NOW))))
                .usingRecursiveComparison().isEqualTo(together);
    }

    private static void assertError(String text, int position, String message) {
        assertRefused(text, () -> FilterParser.parse(text), position, message);
    }

    private static void assertCompileError(String text, int position, String message) {
        assertRefused(text, () -> FilterSql.compile(FilterParser.parse(text), NOW), position, message);
    }

    private static void assertRefused(String text, ThrowingCallable parsing, int position, String message) {
        assertThatThrownBy(parsing).as(text).isInstanceOfSatisfying(FilterSyntaxException.class, e -> {
            assertThat(e.position()).as(text).isEqualTo(position);
            assertThat(e.getMessage()).as(text).contains(message);
        });
    }

    private static Filter.Condition condition(String field, int position, Op op, Filter.Value... values) {
        return new Filter.Condition(field, position, op, List.of(values));
    }

    private static Filter.Value value(String text, int position) {
        return new Filter.Value(text, position);
    }
}
