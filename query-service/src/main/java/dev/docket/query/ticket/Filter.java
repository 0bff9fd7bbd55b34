package dev.docket.query.ticket;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A parsed {@code filter} expression (or the simple filter parameters, read into the same shape). */
sealed interface Filter {

    /** All parts hold (AND). */
    record All(List<Filter> parts) implements Filter {
    }

    /** Any part holds (OR). */
    record Any(List<Filter> parts) implements Filter {
    }

    record Not(Filter inner) implements Filter {
    }

    /**
     * {@code field op value(s)}. Each value keeps its position in the expression (1-based; 0 for simple parameters)
     * for error messages.
     */
    record Condition(String field, int fieldPosition, Op op, List<Value> values) implements Filter {
    }

    /** {@code age op duration}, also written {@code OLDER THAN} ({@code >}) and {@code NEWER THAN} ({@code <}). */
    record Age(int position, Op op, Duration duration) implements Filter {
    }

    /**
     * {@code SLA BREACHED} (a clock not stopped has breached), {@code SLA AT RISK} (a running clock's warning time
     * has come, none has breached) or {@code SLA DUE WITHIN duration} (no clock has breached, one breaches within
     * it if nothing happens).
     */
    record Sla(int position, SlaState state, Duration within) implements Filter {

        enum SlaState { BREACHED, AT_RISK, DUE_WITHIN }
    }

    /**
     * A condition on the ticket's past: {@code field WAS value} (or {@code WAS IN (...)}: the field held one of the
     * values, at some moment of the period when one is given), or {@code field CHANGED} (a change after the opening,
     * optionally {@code FROM} a value {@code TO} a value); both optionally {@code BY} an actor, and in a period:
     * {@code DURING (since, until)}, {@code AFTER since}, {@code BEFORE until} or {@code ON date}.
     */
    record History(String field, int fieldPosition, boolean changed, List<Value> values, Value from, Value to, Value by,
                   Value since, Value until, Value on) implements Filter {
    }

    record Value(String text, int position) {
    }

    /** The operators, in the order error messages list them. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("IN"), NOT_IN("NOT IN"), MATCHES("MATCHES"),
        CONTAINS("CONTAINS");

        static final Set<Op> COMPARISONS = EnumSet.of(LT, LE, GT, GE);

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** As written in an expression: {@code <=}, {@code NOT IN}. */
        String symbol() {
            return symbol;
        }

        /** The symbolic operator ({@code = != < <= > >=}) written as {@code text}. */
        static Op ofSymbol(String text) {
            return Arrays.stream(values()).filter(op -> op.symbol.equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not an operator: " + text));
        }

        /** The given operators as a message lists them: {@code =, !=, IN, NOT IN}. */
        static String list(Set<Op> ops) {
            return Arrays.stream(values()).filter(ops::contains).map(Op::symbol).collect(Collectors.joining(", "));
        }
    }
}
