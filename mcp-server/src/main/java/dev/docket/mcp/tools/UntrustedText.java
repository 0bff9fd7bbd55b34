package dev.docket.mcp.tools;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Marks every text a person wrote in an API answer, so that a model can tell Docket's own facts from words that
 * anyone (a requester above all) could have written to steer it. Each such string becomes
 * <code>{"untrustedContent": "..."}</code>; ids, statuses, priorities, versions, times, counts and service levels stay
 * as they are. A JSON string cannot end early whatever it holds, so the wrapper is a delimiter that the text itself
 * cannot forge.
 */
public final class UntrustedText {

    /** The member that holds a person's words. */
    public static final String KEY = "untrustedContent";

    /**
     * Members whose values people write: a ticket's title and description, a comment's body, a file's name, a
     * person's name, the reason given for a change. A value under one of them is marked whatever its shape (an
     * edit's history gives {@code {"from": ..., "to": ...}}).
     */
    private static final Set<String> TEXT_MEMBERS = Set.of("title", "description", "body", "fileName", "name",
            "displayName", "authorName", "reason", "email");

    private UntrustedText() {
    }

    /** A copy of the answer with every person's text marked. */
    public static JsonNode mark(JsonNode answer) {
        return walk(answer.deepCopy());
    }

    private static JsonNode walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("op") && object.path("path").isString()) {
                markPatchOperation(object);
                return object;
            }
            for (String member : object.propertyNames().stream().toList()) {
                JsonNode value = object.get(member);
                object.set(member, TEXT_MEMBERS.contains(member) ? markAll(value) : walk(value));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(array.get(i)));
            }
        }
        return node;
    }

    /**
     * A JSON Patch operation of a diff: its {@code value} and {@code before} are text when its path ends in a text
     * member ({@code /title}, {@code /comments/2/body}); a whole element added ({@code /comments/2}) is walked as any
     * answer is.
     */
    private static void markPatchOperation(ObjectNode operation) {
        String path = operation.get("path").asString();
        String last = path.substring(path.lastIndexOf('/') + 1);
        boolean text = TEXT_MEMBERS.contains(last);
        for (String member : new String[]{"value", "before"}) {
            JsonNode value = operation.get(member);
            if (value != null) {
                operation.set(member, text ? markAll(value) : walk(value));
            }
        }
    }

    /** Every string inside the value, marked. */
    private static JsonNode markAll(JsonNode value) {
        if (value.isString()) {
            ObjectNode marked = JsonNodeFactory.instance.objectNode();
            marked.put(KEY, value.asString());
            return marked;
        }
        if (value instanceof ObjectNode object) {
            for (String member : object.propertyNames().stream().toList()) {
                object.set(member, markAll(object.get(member)));
            }
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, markAll(array.get(i)));
            }
        }
        return value;
    }
}
