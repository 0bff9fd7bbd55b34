package dev.docket.query.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What changed between two views of a ticket, as an RFC 6902 JSON Patch that turns the first view into the second.
 * Objects are compared member by member; a list that only grew (comments, attachments, tags added at the end) gets
 * one {@code add} per new element; any other changed list or value one {@code replace} (or {@code add}/{@code remove}
 * for a member that appears or disappears). Each operation also carries {@code before}, and the version, time and
 * actor of the event that made the change: members a JSON Patch processor ignores (RFC 6902, section 4).
 *
 * @param patch the operations, in the order of the view's members
 */
record TicketDiff(UUID ticketId, End from, End to, List<Operation> patch) {

    /** One end of the diff: the version shown and the moment asked about (or that version's time). */
    record End(long version, Instant at) {
    }

    /**
     * @param before  the value at {@code from} (absent for an {@code add})
     * @param version the version whose event made the change
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Operation(@Schema(allowableValues = {"add", "remove", "replace"}) String op, String path,
                     @Nullable JsonNode value, @Nullable JsonNode before, long version, @Nullable Instant at,
                     @Nullable String actor) {

        Operation by(Instant time, String who) {
            return new Operation(op, path, value, before, version, time, who);
        }
    }

    /** Who changed a version, and when. */
    record Author(Instant at, @Nullable String actor) {
    }

    /**
     * The patch from {@code a} to {@code b}, each operation attributed to a version by {@code versionOf} (given the
     * top-level member and, for a new list element, the element).
     */
    static List<Operation> between(JsonNode a, JsonNode b, VersionOf versionOf) {
        List<Operation> ops = new ArrayList<>();
        diff("", null, a, b, versionOf, ops);
        return ops;
    }

    /** The operations with the time and actor of their versions' events. */
    static List<Operation> attributed(List<Operation> ops, Map<Long, Author> authors) {
        return ops.stream().map(op -> {
            Author author = authors.get(op.version());
            return author == null ? op : op.by(author.at(), author.actor());
        }).toList();
    }

    /** The version that changed member {@code member} (with {@code element}, the new list element, if one). */
    @FunctionalInterface
    interface VersionOf {
        long of(String member, @Nullable JsonNode element);
    }

    private static void diff(String path, String member, JsonNode a, JsonNode b, VersionOf versionOf,
                             List<Operation> ops) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Map.Entry<String, JsonNode> entry : a.properties()) {
                String name = entry.getKey();
                String at = path + "/" + escape(name);
                String top = member == null ? name : member;
                if (!b.has(name)) {
                    ops.add(new Operation("remove", at, null, entry.getValue(), versionOf.of(top, null), null, null));
                } else {
                    diff(at, top, entry.getValue(), b.get(name), versionOf, ops);
                }
            }
            for (Map.Entry<String, JsonNode> entry : b.properties()) {
                if (!a.has(entry.getKey())) {
                    String top = member == null ? entry.getKey() : member;
                    ops.add(new Operation("add", path + "/" + escape(entry.getKey()), entry.getValue(), null,
                            versionOf.of(top, null), null, null));
                }
            }
            return;
        }
        if (a.isArray() && b.isArray() && b.size() > a.size() && prefix(a, b)) {
            for (int i = a.size(); i < b.size(); i++) {
                ops.add(new Operation("add", path + "/" + i, b.get(i), null, versionOf.of(member, b.get(i)), null,
                        null));
            }
            return;
        }
        ops.add(new Operation("replace", path, b, a, versionOf.of(member, null), null, null));
    }

    private static boolean prefix(JsonNode a, JsonNode b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A member name as a JSON Pointer token (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
