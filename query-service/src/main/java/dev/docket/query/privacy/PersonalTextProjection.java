package dev.docket.query.privacy;

import dev.docket.events.CalendarEvent;
import dev.docket.events.SlaPolicyEvent;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserDisplayNameChanged;
import dev.docket.events.UserErased;
import dev.docket.events.UserEvent;
import dev.docket.events.UserRegistered;
import dev.docket.events.privacy.SealedText;
import dev.docket.query.ingest.Batch;
import dev.docket.query.ingest.EventEnvelope;
import dev.docket.query.ingest.Projection;
import dev.docket.query.ingest.Rows;
import dev.docket.query.readmodel.ReadModelSql;
import dev.docket.query.ticket.SearchVectors;
import dev.docket.support.security.ErasedPeople;
import dev.docket.support.transaction.AfterCommit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code sealed_text}, which data key sealed each personal text the read models show, and carries out
 * erasures: on {@code user.erased}, every text sealed under the destroyed key (a ticket's title or description, a
 * comment, an attachment's name, the texts audit entries quote) becomes {@code [erased]}, the search vectors of the
 * tickets concerned are made again from what remains, and the key is recorded in {@code erased_data_key} under the
 * lock that {@link SealedFieldOpener} shares, so no batch writes the person's texts again. The person's own row and
 * the names tickets copy are the people and ticket projections' part.
 *
 * <p>A rebuild meets the texts already erased (their key is gone) and the same event: it ends with the same rows.
 * An edit whose text and text before were both erased is left out of the audit entry, as a rebuild leaves it out.
 */
final class PersonalTextProjection implements Projection {

    private static final String TICKET = "ticket";
    private static final String COMMENT = "comment";
    private static final String ATTACHMENT = "attachment";
    private static final String AUDIT = "audit";

    private record Text(String kind, String ref, String field) {
    }

    private final ReadModelSql sql;
    private final JsonMapper json;
    private final DataKeys dataKeys;
    private final ErasedPeople erasedPeople;
    /** The key of each ticket's current title and description, as the batch leaves them. */
    private final Map<Text, UUID> current = new HashMap<>();
    /** The index rows the batch writes, the last one per text. */
    private final Map<Text, UUID> written = new LinkedHashMap<>();
    private final List<UserErased> erasures = new ArrayList<>();

    PersonalTextProjection(ReadModelSql sql, JsonMapper json, DataKeys dataKeys, ErasedPeople erasedPeople) {
        this.sql = sql;
        this.json = json;
        this.dataKeys = dataKeys;
        this.erasedPeople = erasedPeople;
    }

    @Override
    public void load(List<EventEnvelope> events) {
        String[] edited = EventEnvelope.subjects(events, TicketEdited.class);
        if (edited.length > 0) {
            sql.sql("SELECT ref, field, key_id FROM {rm}.sealed_text WHERE kind = 'ticket' AND ref = ANY (?)")
                    .param(edited)
                    .query(rs -> {
                        current.put(new Text(TICKET, rs.getString(1), rs.getString(2)), rs.getObject(3, UUID.class));
                    });
        }
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        Map<String, UUID> keys = envelope.sealedWith();
        String event = envelope.eventId();
        switch (envelope.event()) {
            case TicketOpened opened -> {
                for (String field : List.of("title", "description")) {
                    ticketText(envelope.subject().toString(), field, keys.get(field));
                    index(AUDIT, event, field, keys.get(field));
                }
            }
            case TicketEdited edited -> {
                for (String field : List.of("title", "description")) {
                    Text text = new Text(TICKET, envelope.subject().toString(), field);
                    index(AUDIT, event, field + ".from", current.get(text));
                    index(AUDIT, event, field + ".to", keys.get(field));
                    ticketText(envelope.subject().toString(), field, keys.get(field));
                }
            }
            case TicketCommentAdded comment -> {
                index(COMMENT, comment.commentId().value().toString(), "body", keys.get("body"));
                index(AUDIT, event, "comment.body", keys.get("body"));
            }
            case TicketAttachmentAdded attachment -> {
                index(ATTACHMENT, attachment.attachmentId().value().toString(), "fileName", keys.get("fileName"));
                index(AUDIT, event, "attachment.fileName", keys.get("fileName"));
            }
            case TicketEvent other -> {
                // no personal text
            }
            case UserEvent user -> apply(event, user, keys);
            case CalendarEvent ignored -> {
                // service-level configuration holds no personal text
            }
            case SlaPolicyEvent ignored -> {
                // service-level configuration holds no personal text
            }
        }
    }

    private void apply(String event, UserEvent user, Map<String, UUID> keys) {
        switch (user) {
            case UserRegistered registered -> {
                index(AUDIT, event, "email", keys.get("email"));
                index(AUDIT, event, "displayName", keys.get("displayName"));
            }
            case UserDisplayNameChanged renamed -> {
                // a person's name is always sealed under their own key: the name before it too
                index(AUDIT, event, "displayName.from", keys.get("displayName"));
                index(AUDIT, event, "displayName.to", keys.get("displayName"));
            }
            case UserDeactivated deactivated -> index(AUDIT, event, "reason", keys.get("reason"));
            case UserErased erased -> erasures.add(erased);
        }
    }

    private void ticketText(String ticket, String field, UUID key) {
        if (key != null) {
            Text text = new Text(TICKET, ticket, field);
            current.put(text, key);
            written.put(text, key);
        }
    }

    private void index(String kind, String ref, String field, UUID key) {
        if (key != null) {
            written.put(new Text(kind, ref, field), key);
        }
    }

    @Override
    public void flush() {
        Rows rows = new Rows(4);
        written.forEach((text, key) -> rows.add(text.kind(), text.ref(), text.field(), key));
        rows.write(sql, """
                INSERT INTO {rm}.sealed_text (kind, ref, field, key_id)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::uuid[])
                ON CONFLICT (kind, ref, field) DO UPDATE SET key_id = EXCLUDED.key_id""");
        erasures.forEach(this::erase);
    }

    /** Replaces every text the erased key sealed, in this generation's tables; records the key as erased. */
    private void erase(UserErased erased) {
        // their saved views (kept beside the generations: whichever generation applies the erasure removes them)
        sql.sql("DELETE FROM saved_view WHERE owner = ?").param(erased.userId().value().toString()).update();
        UUID key = erased.keyId();
        if (key == null) {
            return; // a person without a key had no sealed texts; their row and names are the other projections'
        }
        sql.sql("SELECT pg_advisory_xact_lock(?, hashtext(?::text))")
                .params(SealedFieldOpener.LOCK_NAMESPACE, key.toString()).query(Object.class).single();
        sql.sql("INSERT INTO erased_data_key (key_id, person_id) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING")
                .params(key, erased.userId().value()).update();
        for (String field : List.of("title", "description")) {
            sql.sql("""
                    UPDATE {rm}.ticket t SET %s = ? FROM {rm}.sealed_text s
                    WHERE s.kind = 'ticket' AND s.field = ? AND s.key_id = ? AND t.id = s.ref::uuid"""
                    .formatted(field)).params(SealedText.ERASED, field, key).update();
        }
        sql.sql("""
                UPDATE {rm}.ticket_comment c SET body = ? FROM {rm}.sealed_text s
                WHERE s.kind = 'comment' AND s.key_id = ? AND c.comment_id = s.ref::uuid""")
                .params(SealedText.ERASED, key).update();
        sql.sql("""
                UPDATE {rm}.ticket_attachment a SET file_name = ? FROM {rm}.sealed_text s
                WHERE s.kind = 'attachment' AND s.key_id = ? AND a.attachment_id = s.ref::uuid""")
                .params(SealedText.ERASED, key).update();
        sql.sql("""
                UPDATE {rm}.ticket u SET search_vector = %s
                WHERE u.id IN (SELECT s.ref::uuid FROM {rm}.sealed_text s WHERE s.kind = 'ticket' AND s.key_id = ?
                               UNION
                               SELECT c.ticket_id FROM {rm}.ticket_comment c JOIN {rm}.sealed_text s
                                 ON s.kind = 'comment' AND s.key_id = ? AND c.comment_id = s.ref::uuid)"""
                .formatted(SearchVectors.FULL)).params(key, key).update();
        eraseAuditTexts(key);
        dataKeys.forget(key);
        AfterCommit.run(() -> erasedPeople.forget(erased.userId().toString()));
    }

    /** The audit entries' quoted texts under the key; a change from and to an erased text is left out. */
    private void eraseAuditTexts(UUID key) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        sql.sql("SELECT ref, field FROM {rm}.sealed_text WHERE kind = 'audit' AND key_id = ? ORDER BY ref, field")
                .param(key)
                .query(rs -> {
                    paths.computeIfAbsent(rs.getString(1), ref -> new ArrayList<>()).add(rs.getString(2));
                });
        if (paths.isEmpty()) {
            return;
        }
        Map<String, String> changes = new HashMap<>();
        sql.sql("SELECT event_id, changes::text FROM {rm}.audit_entry WHERE event_id = ANY (?)")
                .param(paths.keySet().toArray(String[]::new))
                .query(rs -> {
                    changes.put(rs.getString(1), rs.getString(2));
                });
        Rows updated = new Rows(2);
        paths.forEach((event, fields) -> {
            String before = changes.get(event);
            if (before == null) {
                return;
            }
            ObjectNode tree = (ObjectNode) json.readTree(before);
            for (String field : fields) {
                String[] path = field.split("\\.");
                JsonNode parent = path.length == 1 ? tree : tree.get(path[0]);
                String name = path[path.length - 1];
                if (parent instanceof ObjectNode object && object.has(name)) {
                    object.put(name, SealedText.ERASED);
                }
            }
            List<String> unchanged = new ArrayList<>();
            tree.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if (value.isObject() && value.size() == 2 && erased(value.get("from")) && erased(value.get("to"))) {
                    unchanged.add(entry.getKey());
                }
            });
            unchanged.forEach(tree::remove);
            updated.add(event, tree.toString());
        });
        updated.write(sql, """
                UPDATE {rm}.audit_entry a SET changes = u.changes::jsonb
                FROM unnest(?::text[], ?::text[]) AS u(event_id, changes) WHERE a.event_id = u.event_id""");
    }

    private static boolean erased(JsonNode value) {
        return value != null && value.isString() && SealedText.ERASED.equals(value.asString());
    }
}
