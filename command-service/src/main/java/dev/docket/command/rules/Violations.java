package dev.docket.command.rules;

import dev.docket.support.errors.FieldViolation;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a command's input, so that one refusal names every field at fault. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    private Violations() {
    }

    public static Violations check() {
        return new Violations();
    }

    /** One line of text: {@link TextRules#checkLine}. */
    public Violations line(String field, String value, int maxLength, boolean required) {
        TextRules.checkLine(found, field, value, maxLength, required);
        return this;
    }

    /** Free text: {@link TextRules#checkText}. */
    public Violations text(String field, String value, int maxLength, boolean required) {
        TextRules.checkText(found, field, value, maxLength, required);
        return this;
    }

    public Violations present(String field, Object value) {
        TextRules.checkPresent(found, field, value);
        return this;
    }

    /** {@code message} about {@code field} when {@code wrong}. */
    public Violations when(boolean wrong, String field, String message) {
        return wrong ? add(field, message) : this;
    }

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    /** Where other checks add what they find. */
    public List<FieldViolation> list() {
        return found;
    }

    public boolean none() {
        return found.isEmpty();
    }

    /** Refuses the command with {@code VALIDATION_FAILED} naming every field found at fault, if any. */
    public void orThrow() {
        TextRules.requireNone(found);
    }
}
