package dev.docket.mcp.tools;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tool call's arguments, read by type. The tools' JSON schemas already say what each one takes; these checks
 * answer a wrong one in words (and never let a value into a URL path that is not an id).
 */
public final class Arguments {

    private static final Pattern TICKET_NUMBER = Pattern.compile("[A-Za-z]{2,10}-\\d{1,12}");

    private final Map<String, Object> values;

    public Arguments(@Nullable Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    @Nullable String optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolInputException(name, name + " must be a string.");
        }
        return text;
    }

    String text(String name) {
        String text = optionalText(name);
        if (text == null || text.isBlank()) {
            throw new ToolInputException(name, name + " is required.");
        }
        return text;
    }

    @Nullable Long optionalWholeNumber(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw new ToolInputException(name, name + " must be a whole number.");
    }

    long wholeNumber(String name) {
        Long number = optionalWholeNumber(name);
        if (number == null) {
            throw new ToolInputException(name, name + " is required.");
        }
        return number;
    }

    /** The version a change is based on: the {@code version} the agent last read. */
    long expectedVersion() {
        long version = wholeNumber("expectedVersion");
        if (version < 1) {
            throw new ToolInputException("expectedVersion", "expectedVersion is a ticket version, 1 or more.");
        }
        return version;
    }

    List<String> texts(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new ToolInputException(name, name + " must be a list of strings.");
    }

    /** A ticket's id (a UUID) as a path segment. */
    String ticketId() {
        return id("ticketId");
    }

    String id(String name) {
        String text = text(name).strip();
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            String hint = TICKET_NUMBER.matcher(text).matches()
                    ? " That looks like a ticket number: find its id with search_tickets (filter: number = " + text + ")."
                    : "";
            throw new ToolInputException(name, name + " must be an id (a UUID such as "
                    + "01a20da2-dced-73fc-a72a-d2b41251a1b4)." + hint);
        }
    }

    /** The caller's key for a change; the same key on a retry answers the first answer again. */
    String idempotencyKey() {
        String key = text("idempotencyKey");
        if (key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new ToolInputException("idempotencyKey",
                    "idempotencyKey must be 1 to 255 visible ASCII characters (no spaces).");
        }
        return key;
    }
}
