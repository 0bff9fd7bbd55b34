package dev.docket.query.ticket;

import dev.docket.support.errors.DocketException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The opaque {@code cursor} of a search page: the sort key of the page's last row, how free text matched, and a
 * fingerprint of the query, so a cursor is only accepted with the query that produced it. Opaque to clients (they
 * pass back {@code nextCursor} as it is), readable to us.
 */
record Cursor(String query, TicketSearch.Sort sort, TicketSearch.Match match, List<Object> key,
              TicketSearch.Window window) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    String encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("q", query);
        node.put("s", sort.name());
        node.put("m", match.name());
        if (window != null) {
            node.putArray("w").add(window.createdAt().toInstant().toString()).add(window.id().toString());
        }
        ArrayNode values = node.putArray("k");
        for (Object value : key) {
            switch (value) {
                case Timestamp timestamp -> values.add(timestamp.toInstant().toString());
                case Integer number -> values.add(number);
                case Float number -> values.add(Float.toString(number));
                default -> values.add(value.toString());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(node));
    }

    /** @param query the fingerprint of the query the cursor must belong to */
    static Cursor decode(String text, String query) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(text));
            if (!query.equals(node.get("q").asString())) {
                throw invalid("belongs to a different query: keep q, filter, the filter parameters and sort");
            }
            TicketSearch.Sort sort = TicketSearch.Sort.valueOf(node.get("s").asString());
            TicketSearch.Match match = TicketSearch.Match.valueOf(node.get("m").asString());
            JsonNode values = node.get("k");
            if (values.size() != sort.keys.size()) {
                throw invalid("is malformed");
            }
            List<Object> key = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                JsonNode value = values.get(i);
                key.add(switch (sort.keys.get(i)) {
                    case "created_at", "updated_at", "sla_due" -> Timestamp.from(Instant.parse(value.asString()));
                    case "priority_rank", "status_rank" -> value.asInt();
                    case "rank" -> Float.parseFloat(value.asString());
                    case "title", "requester_key", "assignee_key" -> value.asString();
                    default -> UUID.fromString(value.asString());
                });
            }
            JsonNode w = node.get("w");
            TicketSearch.Window window = w == null ? null : new TicketSearch.Window(
                    Timestamp.from(Instant.parse(w.get(0).asString())), UUID.fromString(w.get(1).asString()));
            return new Cursor(query, sort, match, key, window);
        } catch (DocketException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid("is malformed");
        }
    }

    private static DocketException invalid(String why) {
        return DocketException.invalid("cursor", why + "; pass back nextCursor exactly as received");
    }
}
