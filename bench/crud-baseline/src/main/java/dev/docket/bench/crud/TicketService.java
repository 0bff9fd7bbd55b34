package dev.docket.bench.crud;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every change is one transaction: load the ticket, check the rules, change it in place, add the audit row; the
 * commit's UPDATE carries the optimistic-lock check ({@code WHERE version = ?}).
 */
@Service
class TicketService {

    static final Map<String, Set<String>> TRANSITIONS = Map.of(
            "open", Set.of("in_progress", "waiting_on_customer", "resolved"),
            "in_progress", Set.of("waiting_on_customer", "resolved"),
            "waiting_on_customer", Set.of("in_progress", "resolved"),
            "resolved", Set.of("open", "closed"),
            "closed", Set.of());
    private static final int MAX_TAGS = 20;

    record Changed(UUID id, long version) {
    }

    record Opened(UUID id, String number, long version) {
    }

    private final EntityManager entities;
    private final JsonMapper json = JsonMapper.builder().build();

    TicketService(EntityManager entities) {
        this.entities = entities;
    }

    @Transactional
    Changed register(String email, String displayName, String role) {
        String normalized = email.trim().toLowerCase(java.util.Locale.ROOT);
        boolean taken = !entities.createQuery("SELECT p.id FROM Person p WHERE p.email = :email")
                .setParameter("email", normalized).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new DocketException(ErrorCode.EMAIL_TAKEN, "Someone is already registered with " + normalized + ".");
        }
        Person person = new Person(UUID.randomUUID(), normalized, displayName.trim(), role);
        entities.persist(person);
        entities.flush();
        return new Changed(person.id, person.version);
    }

    @Transactional
    Opened open(String actor, String title, String description, String priority, UUID requesterId, Set<String> tags) {
        Person requester = entities.find(Person.class, requesterId);
        if (requester == null) {
            throw new DocketException(ErrorCode.UNKNOWN_USER, "No person " + requesterId + ".");
        }
        if (!requester.active) {
            throw new DocketException(ErrorCode.USER_INACTIVE, "Person " + requesterId + " is deactivated.");
        }
        checkTags(tags);
        long number = ((Number) entities.createNativeQuery("SELECT nextval('ticket_number')").getSingleResult())
                .longValue();
        Instant now = Instant.now();
        Ticket ticket = new Ticket(UUID.randomUUID(), number, title.trim(), description, priority, requesterId,
                tags, now);
        entities.persist(ticket);
        audit(ticket, actor, "opened", Map.of("title", ticket.title, "priority", priority,
                "requesterId", requesterId, "tags", tags), now);
        entities.flush();
        return new Opened(ticket.id, "TCK-%06d".formatted(number), ticket.version);
    }

    @Transactional
    Changed comment(String actor, UUID id, Long expectedVersion, String body, String visibility) {
        Ticket ticket = changeable(id, expectedVersion);
        Instant now = Instant.now();
        Comment comment = new Comment(UUID.randomUUID(), id, actor, body, visibility, now);
        entities.persist(comment);
        ticket.updatedAt = now;
        audit(ticket, actor, "comment-added", Map.of("commentId", comment.id, "visibility", visibility), now);
        return flushed(ticket);
    }

    @Transactional
    Changed assign(String actor, UUID id, Long expectedVersion, UUID assigneeId) {
        Ticket ticket = changeable(id, expectedVersion);
        Person assignee = entities.find(Person.class, assigneeId);
        if (assignee == null) {
            throw new DocketException(ErrorCode.UNKNOWN_USER, "No person " + assigneeId + ".");
        }
        if (!assignee.worksTickets()) {
            throw new DocketException(assignee.active ? ErrorCode.NOT_AN_AGENT : ErrorCode.USER_INACTIVE,
                    "Person " + assigneeId + " cannot be assigned tickets.");
        }
        if (assigneeId.equals(ticket.assigneeId)) {
            return new Changed(id, ticket.version);
        }
        Instant now = Instant.now();
        Map<String, Object> details = new java.util.HashMap<>();
        details.put("from", ticket.assigneeId);
        details.put("to", assigneeId);
        ticket.assigneeId = assigneeId;
        ticket.updatedAt = now;
        audit(ticket, actor, "assigned", details, now);
        return flushed(ticket);
    }

    @Transactional
    Changed changeStatus(String actor, UUID id, Long expectedVersion, String status, String reason) {
        Ticket ticket = changeable(id, expectedVersion);
        if (ticket.status.equals(status)) {
            return new Changed(id, ticket.version);
        }
        if (!TRANSITIONS.get(ticket.status).contains(status)) {
            throw new DocketException(ErrorCode.INVALID_TRANSITION, "A " + ticket.status + " ticket cannot become "
                    + status + ".").with("currentStatus", ticket.status).with("requestedStatus", status)
                    .with("allowedStatuses", TRANSITIONS.get(ticket.status));
        }
        Instant now = Instant.now();
        audit(ticket, actor, "status-changed", Map.of("from", ticket.status, "to", status,
                "reason", reason == null ? "" : reason), now);
        ticket.status = status;
        ticket.updatedAt = now;
        return flushed(ticket);
    }

    @Transactional
    Changed changeTags(String actor, UUID id, Long expectedVersion, List<String> add, List<String> remove) {
        Ticket ticket = changeable(id, expectedVersion);
        Set<String> tags = new LinkedHashSet<>(ticket.tags);
        tags.removeAll(remove);
        tags.addAll(add);
        checkTags(tags);
        if (tags.equals(ticket.tags)) {
            return new Changed(id, ticket.version);
        }
        Instant now = Instant.now();
        audit(ticket, actor, "tags-changed", Map.of("added", add, "removed", remove), now);
        ticket.tags.clear();
        ticket.tags.addAll(tags);
        ticket.updatedAt = now;
        return flushed(ticket);
    }

    private Ticket changeable(UUID id, Long expectedVersion) {
        Ticket ticket = entities.find(Ticket.class, id);
        if (ticket == null) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket " + id + ".");
        }
        if (expectedVersion != null && expectedVersion.longValue() != ticket.version) {
            throw new DocketException(ErrorCode.VERSION_MISMATCH, "The ticket is at version " + ticket.version + ".")
                    .with("currentVersion", ticket.version);
        }
        if ("closed".equals(ticket.status)) {
            throw new DocketException(ErrorCode.TICKET_CLOSED, "Ticket " + id + " is closed.");
        }
        return ticket;
    }

    private static void checkTags(Set<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw DocketException.invalid("tags", "at most " + MAX_TAGS + " tags");
        }
    }

    private void audit(Ticket ticket, String actor, String action, Map<String, ?> details, Instant at) {
        entities.persist(new AuditEntry(ticket.id, actor, action, json.writeValueAsString(details), at));
    }

    /** Writes now, so the answer carries the version the commit will hold. */
    private Changed flushed(Ticket ticket) {
        entities.flush();
        return new Changed(ticket.id, ticket.version);
    }
}
