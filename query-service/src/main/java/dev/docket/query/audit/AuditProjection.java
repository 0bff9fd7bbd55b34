package dev.docket.query.audit;

import dev.docket.events.BusinessCalendarDefined;
import dev.docket.events.CalendarEvent;
import dev.docket.events.EventTypes;
import dev.docket.events.SlaBreached;
import dev.docket.events.SlaFulfilled;
import dev.docket.events.SlaPoliciesChanged;
import dev.docket.events.SlaPolicyEvent;
import dev.docket.events.SlaWarningRaised;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketEvent;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
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
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps {@code audit_entry}: one row per event with who, when, why (correlation and causation) and what changed.
 * Runs before the other projections so that a change whose event carries only the new value (an edit, a new display
 * name) can record the value before it from the read models.
 */
final class AuditProjection implements Projection {

    static final String TICKET = "ticket";
    static final String USER = "user";
    static final String CALENDAR = "calendar";
    static final String SLA_POLICIES = "sla_policies";


    /** A ticket's texts, for the value before an edit. */
    private record Texts(String title, String description) {
    }

    private final ReadModelSql sql;
    private final JsonMapper json;
    private final Map<UUID, Texts> texts = new HashMap<>();
    private final Map<UUID, String> names = new HashMap<>();
    private final Rows entries = new Rows(11);

    AuditProjection(ReadModelSql sql, JsonMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /** The values before the batch's edits and renames, which their events do not carry. */
    @Override
    public void load(List<EventEnvelope> events) {
        String[] edited = EventEnvelope.subjects(events, TicketEdited.class);
        if (edited.length > 0) {
            sql.sql("SELECT id, title, description FROM {rm}.ticket WHERE id = ANY (?::uuid[])").param(edited)
                    .query(rs -> {
                        texts.put(rs.getObject(1, UUID.class), new Texts(rs.getString(2), rs.getString(3)));
                    });
        }
        String[] renamed = EventEnvelope.subjects(events, UserDisplayNameChanged.class);
        if (renamed.length > 0) {
            sql.sql("SELECT id, display_name FROM {rm}.person WHERE id = ANY (?::uuid[])").param(renamed)
                    .query(rs -> {
                        names.put(rs.getObject(1, UUID.class), rs.getString(2));
                    });
        }
    }

    @Override
    public void apply(EventEnvelope envelope, Batch batch) {
        Map<String, Object> changes = switch (envelope.event()) {
            case TicketEvent event -> changes(event);
            case UserEvent event -> changes(event);
            case BusinessCalendarDefined defined -> new Changes().set("name", defined.name())
                    .set("calendar", defined.calendar()).set("reason", defined.reason()).values;
            case SlaPoliciesChanged changed -> new Changes().set("policies", changed.policies())
                    .set("reason", changed.reason()).values;
        };
        String subjectType = switch (envelope.event()) {
            case TicketEvent event -> TICKET;
            case UserEvent event -> USER;
            case CalendarEvent event -> CALENDAR;
            case SlaPolicyEvent event -> SLA_POLICIES;
        };
        entries.add(envelope.eventId(), envelope.subject(), subjectType,
                envelope.version(), EventTypes.typeOf(envelope.event().getClass()), envelope.time(), envelope.actor(),
                envelope.correlationId(), envelope.causationId(), envelope.position(), json.writeValueAsString(changes));
    }

    @Override
    public void flush() {
        entries.write(sql, """
                INSERT INTO {rm}.audit_entry (event_id, subject_id, subject_type, version, event_type, occurred_at,
                                              actor, correlation_id, causation_id, position, changes)
                SELECT * FROM unnest(?::text[], ?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[],
                                     ?::text[], ?::text[], ?::text[], ?::bigint[], ?::jsonb[])""");
    }

    private Map<String, Object> changes(TicketEvent event) {
        Changes changes = new Changes();
        switch (event) {
            case TicketOpened opened -> {
                texts.put(opened.ticketId().value(), new Texts(opened.title(), opened.description()));
                changes.set("number", opened.number()).set("title", opened.title())
                        .set("description", opened.description()).set("priority", opened.priority().wireName())
                        .set("requesterId", opened.requesterId().value()).set("tags", opened.tags());
            }
            case TicketEdited edited -> {
                Texts before = texts.put(edited.ticketId().value(), new Texts(edited.title(), edited.description()));
                if (before == null) {
                    throw new IllegalStateException("no ticket " + edited.ticketId() + " to edit");
                }
                changes.fromTo("title", before.title(), edited.title())
                        .fromTo("description", before.description(), edited.description());
            }
            case TicketPriorityChanged changed -> changes.fromTo("priority", changed.from().wireName(),
                    changed.to().wireName());
            case TicketAssigned assigned -> changes.fromTo("assigneeId",
                    assigned.previousAssigneeId() == null ? null : assigned.previousAssigneeId().value(),
                    assigned.assigneeId().value());
            case TicketUnassigned unassigned -> changes.fromTo("assigneeId", unassigned.previousAssigneeId().value(),
                    null);
            case TicketOwnershipTransferred transferred -> changes.fromTo("requesterId",
                    transferred.fromRequesterId().value(), transferred.toRequesterId().value())
                    .set("reason", transferred.reason());
            case TicketStatusChanged changed -> changes.fromTo("status", changed.from().wireName(),
                    changed.to().wireName()).set("reason", changed.reason());
            case TicketCommentAdded comment -> changes.set("comment", ordered("id", comment.commentId().value(),
                    "visibility", comment.visibility().wireName(), "author", comment.author(), "body", comment.body()));
            case TicketAttachmentAdded attachment -> changes.set("attachment", ordered(
                    "id", attachment.attachmentId().value(), "fileName", attachment.fileName(),
                    "mediaType", attachment.mediaType(), "size", attachment.size(), "sha256", attachment.sha256()));
            case TicketTagsChanged tags -> changes.set("tagsAdded", tags.added()).set("tagsRemoved", tags.removed());
            case TicketArchived archived -> changes.fromTo("archived", false, true).set("reason", archived.reason());
            case TicketRestored restored -> changes.fromTo("archived", true, false).set("reason", restored.reason());
            case SlaWarningRaised warning -> changes.set("metric", warning.metric().wireName())
                    .set("cycle", warning.cycle()).set("policy", warning.policy()).set("warnedAt", warning.warnedAt())
                    .set("dueAt", warning.dueAt());
            case SlaBreached breach -> changes.set("metric", breach.metric().wireName()).set("cycle", breach.cycle())
                    .set("policy", breach.policy()).set("dueAt", breach.dueAt());
            case SlaFulfilled fulfilment -> changes.set("metric", fulfilment.metric().wireName())
                    .set("cycle", fulfilment.cycle()).set("policy", fulfilment.policy())
                    .set("fulfilledAt", fulfilment.fulfilledAt()).set("breached", fulfilment.breached());
        }
        return changes.values;
    }

    private Map<String, Object> changes(UserEvent event) {
        Changes changes = new Changes();
        switch (event) {
            case UserRegistered registered -> {
                names.put(registered.userId().value(), registered.displayName());
                changes.set("email", registered.email()).set("displayName", registered.displayName())
                        .set("role", registered.role().wireName());
            }
            case UserDisplayNameChanged changed -> changes.fromTo("displayName",
                    names.put(changed.userId().value(), changed.displayName()), changed.displayName());
            case UserDeactivated deactivated -> changes.fromTo("active", true, false).set("reason", deactivated.reason());
            case UserErased erased -> {
                names.put(erased.userId().value(), SealedText.ERASED);
                changes.set("erased", true).set("keyId", erased.keyId()).set("legalBasis", erased.legalBasis())
                        .set("reason", erased.reason());
            }
        }
        return changes.values;
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** What an event changed: a value, or {@code {"from": .., "to": ..}} where the value before is known. */
    private static final class Changes {

        final Map<String, Object> values = new LinkedHashMap<>();

        Changes set(String name, Object value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        /** Recorded only when the value changed. */
        Changes fromTo(String name, Object from, Object to) {
            if (!Objects.equals(from, to)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", from);
                change.put("to", to);
                values.put(name, change);
            }
            return this;
        }
    }
}
