package dev.docket.command.ticket;

import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import dev.docket.events.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ticket's text must look like. Used twice on purpose: by the API before anything is allocated (so a bad
 * request costs no ticket number) and by the aggregate, which never trusts its caller.
 */
public final class TicketRules {

    public static final int TITLE_MAX_LENGTH = 500;
    public static final int DESCRIPTION_MAX_LENGTH = 50_000;

    private TicketRules() {
    }

    /** The title as stored: surrounding whitespace removed. */
    public static String normalizeTitle(String title) {
        return title == null ? null : title.strip();
    }

    /** The description as stored: never null, trailing whitespace removed. */
    public static String normalizeDescription(String description) {
        return description == null ? "" : description.stripTrailing();
    }

    /** Every violation of the opening rules, empty when the (normalised) input is acceptable. */
    public static List<FieldViolation> openingViolations(String title, String description) {
        List<FieldViolation> violations = new ArrayList<>();
        if (title == null) {
            violations.add(new FieldViolation("title", "is required"));
        } else if (title.isBlank()) {
            violations.add(new FieldViolation("title", "must not be blank"));
        } else {
            if (title.codePointCount(0, title.length()) > TITLE_MAX_LENGTH) {
                violations.add(new FieldViolation("title", "must be at most " + TITLE_MAX_LENGTH + " characters"));
            }
            if (title.chars().anyMatch(Character::isISOControl)) {
                violations.add(new FieldViolation("title", "must not contain control characters"));
            }
        }
        if (description != null) {
            if (description.codePointCount(0, description.length()) > DESCRIPTION_MAX_LENGTH) {
                violations.add(new FieldViolation("description",
                        "must be at most " + DESCRIPTION_MAX_LENGTH + " characters"));
            }
            if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                violations.add(new FieldViolation("description",
                        "must not contain control characters other than line breaks and tabs"));
            }
        }
        return violations;
    }

    /** Throws a validation refusal naming every violated field. */
    public static void requireNone(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            String fields = String.join(", ", violations.stream().map(FieldViolation::field).distinct().toList());
            throw new DocketException(ErrorCode.VALIDATION_FAILED, "Invalid value for: " + fields + ".", violations);
        }
    }
}
