package dev.docket.console.web;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ticket's audit history as the timeline shows it: who did what, when and why, in words. */
final class Timeline {

    /** One line: the version it made, what changed, who (a name where the page knows one), when, why. */
    record Entry(long version, String what, String who, String at, @Nullable String reason) {
    }

    private Timeline() {
    }

    static List<Entry> of(List<?> history, Map<String, String> names) {
        List<Entry> entries = new ArrayList<>();
        for (Object item : history) {
            Map<?, ?> entry = (Map<?, ?>) item;
            Map<?, ?> changes = entry.get("changes") instanceof Map<?, ?> map ? map : Map.of();
            String actor = entry.get("actor") == null ? "Docket" : String.valueOf(entry.get("actor"));
            Object reason = changes.get("reason");
            entries.add(new Entry(((Number) entry.get("version")).longValue(), describe(String.valueOf(entry.get("type")),
                    changes), names.getOrDefault(actor, actor), String.valueOf(entry.get("occurredAt")),
                    reason instanceof String text && !text.isBlank() ? text : null));
        }
        return entries;
    }

    /** "status: open → resolved" for what has a before and after; the event's name otherwise. */
    static String describe(String type, Map<?, ?> changes) {
        String name = type.replaceFirst("^dev\\.docket\\.[a-z-]+\\.", "").replaceFirst("\\.v[0-9]+$", "")
                .replace('-', ' ');
        List<String> parts = new ArrayList<>();
        changes.forEach((field, value) -> {
            if (value instanceof Map<?, ?> change && change.containsKey("to") && !"description".equals(field)) {
                parts.add(field + ": " + text(change.get("from")) + " → " + text(change.get("to")));
            }
        });
        return parts.isEmpty() ? name : name + " (" + String.join(", ", parts) + ")";
    }

    private static String text(@Nullable Object value) {
        if (value == null) {
            return "none";
        }
        String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
