package dev.docket.support.errors;

/**
 * One invalid input: the field, parameter or header it concerns (a JSON path such as {@code tags[2]} for body
 * fields) and what is wrong with it, in words a client developer understands.
 */
public record FieldViolation(String field, String message) {
}
