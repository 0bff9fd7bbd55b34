package dev.docket.command.rules;

import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;

import java.util.List;

/**
 * The checks every piece of user text goes through: length counted in characters (code points, so an emoji counts
 * once) and no control characters that would corrupt logs, headers or terminals. Violations are collected so one
 * answer names every bad field.
 */
public final class TextRules {

    private TextRules() {
    }

    /** One line of text (a title, a name, a reason): no control characters at all. */
    public static void checkLine(List<FieldViolation> violations, String field, String value, int maxLength,
                                 boolean required) {
        check(violations, field, value, maxLength, required, false);
    }

    /** Free text (a description, a comment): line breaks and tabs allowed, other control characters not. */
    public static void checkText(List<FieldViolation> violations, String field, String value, int maxLength,
                                 boolean required) {
        check(violations, field, value, maxLength, required, true);
    }

    private static void check(List<FieldViolation> violations, String field, String value, int maxLength,
                              boolean required, boolean multiLine) {
        if (value == null || value.isEmpty()) {
            if (required) {
                violations.add(new FieldViolation(field, "is required"));
            }
            return;
        }
        if (required && value.isBlank()) {
            violations.add(new FieldViolation(field, "must not be blank"));
            return;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            violations.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
        }
        if (multiLine && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            violations.add(new FieldViolation(field, "must not contain control characters other than line breaks and tabs"));
        } else if (!multiLine && value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation(field, "must not contain control characters"));
        }
    }

    /** Refuses at once, naming only {@code field}, when {@code value} is missing. */
    public static void requirePresent(String field, Object value) {
        if (value == null) {
            throw DocketException.invalid(field, "is required");
        }
    }

    /** A value that must be present. */
    public static void checkPresent(List<FieldViolation> violations, String field, Object value) {
        if (value == null) {
            violations.add(new FieldViolation(field, "is required"));
        }
    }

    /** Surrounding whitespace removed; null stays null. */
    public static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** Throws a validation refusal naming every violated field. */
    public static void requireNone(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw DocketException.invalid(violations);
        }
    }
}
