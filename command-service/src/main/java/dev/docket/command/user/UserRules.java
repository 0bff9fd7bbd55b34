package dev.docket.command.user;

import dev.docket.command.rules.TextRules;
import dev.docket.support.errors.FieldViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a person's details must look like; used by the application layer and by the aggregate. */
public final class UserRules {

    public static final int EMAIL_MAX_LENGTH = 254;
    public static final int DISPLAY_NAME_MAX_LENGTH = 200;
    public static final int REASON_MAX_LENGTH = 1_000;

    /** One {@code @}, something on each side, a dot in the domain, no whitespace or control characters. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

    private UserRules() {
    }

    /**
     * The email as stored and compared: trimmed and lower case. Mailbox names are case-insensitive in practice
     * everywhere a helpdesk meets them, and two spellings of one address must not make two people.
     */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public static List<FieldViolation> registrationViolations(String email, String displayName, Object role) {
        List<FieldViolation> violations = new ArrayList<>();
        if (email == null || email.isEmpty()) {
            violations.add(new FieldViolation("email", "is required"));
        } else if (email.length() > EMAIL_MAX_LENGTH || !EMAIL.matcher(email).matches()) {
            violations.add(new FieldViolation("email", "must be an email address such as ana@example.com"));
        }
        checkDisplayName(violations, displayName);
        TextRules.checkPresent(violations, "role", role);
        return violations;
    }

    static void checkDisplayName(List<FieldViolation> violations, String displayName) {
        TextRules.checkLine(violations, "displayName", displayName, DISPLAY_NAME_MAX_LENGTH, true);
    }
}
