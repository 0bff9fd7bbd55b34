package dev.docket.command.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.command.rules.TextRules;
import dev.docket.command.rules.VersionRules;
import dev.docket.events.CommentVisibility;
import dev.docket.events.ErrorCode;
import dev.docket.events.Priority;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketOwnershipTransferred;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.TicketUnassigned;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;
import dev.docket.support.errors.FieldViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A support ticket, rebuilt from its events (or a snapshot and the events after it). It holds only what its
 * decisions need. Every handler answers the ticket's version after the command; a command that would change
 * nothing (the same priority, a tag the ticket has) emits no event and answers the current version.
 *
 * <p>Order of checks in every change: the ticket exists, the caller's {@code If-Match} version is current, the
 * input is valid, the ticket accepts changes (not archived, not closed), then the rule of the command.
 */
@Aggregate(snapshotTriggerDefinition = "ticketSnapshotTrigger", cache = "ticketCache")
@Revision("1") // the snapshot's shape: change it with the fields below, so old snapshots are ignored
class Ticket {

    @AggregateIdentifier
    @JsonProperty
    private TicketId ticketId;
    /** Number of events applied so far: the version clients see. */
    @JsonProperty
    private long version;
    @JsonProperty
    private TicketStatus status;
    @JsonProperty
    private Priority priority;
    @JsonProperty
    private String title;
    @JsonProperty
    private String description;
    @JsonProperty
    private UserId requesterId;
    @JsonProperty
    private UserId assigneeId;
    @JsonProperty
    private Set<String> tags = new LinkedHashSet<>();
    @JsonProperty
    private boolean archived;

    Ticket() {
        // for Axon: state comes from the events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    TicketChange handle(OpenTicket command, People people) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.ticketId() == null || command.number() == null) {
            violations.add(new FieldViolation("ticketId", "and number are allocated by the service and must be present"));
        }
        TextRules.checkPresent(violations, "priority", command.priority());
        TextRules.checkPresent(violations, "requesterId", command.requesterId());
        String newTitle = TicketRules.normalizeTitle(command.title());
        String newDescription = TicketRules.normalizeDescription(command.description());
        violations.addAll(TicketRules.detailsViolations(newTitle, newDescription));
        Set<String> newTags = TicketRules.normalizeTags(command.tags(), "tags", violations);
        TextRules.requireNone(violations);
        PersonRules.requireActive(people, command.requesterId(), "requesterId");
        apply(new TicketOpened(command.ticketId(), command.number(), newTitle, newDescription, command.priority(),
                command.requesterId(), List.copyOf(newTags)));
        return answer();
    }

    @CommandHandler
    TicketChange handle(EditTicket command) {
        checkVersion(command.expectedVersion());
        if (command.title() == null && command.description() == null) {
            throw DocketException.invalid("title", "or description is required");
        }
        String newTitle = command.title() == null ? title : TicketRules.normalizeTitle(command.title());
        String newDescription = command.description() == null ? description
                : TicketRules.normalizeDescription(command.description());
        TextRules.requireNone(TicketRules.detailsViolations(newTitle, newDescription));
        requireChangeable();
        if (!newTitle.equals(title) || !newDescription.equals(description)) {
            apply(new TicketEdited(ticketId, newTitle, newDescription));
        }
        return answer();
    }

    @CommandHandler
    TicketChange handle(ChangePriority command) {
        checkVersion(command.expectedVersion());
        requirePresent("priority", command.priority());
        requireChangeable();
        if (command.priority() != priority) {
            apply(new TicketPriorityChanged(ticketId, priority, command.priority()));
        }
        return answer();
    }

    @CommandHandler
    TicketChange handle(AssignTicket command, People people) {
        checkVersion(command.expectedVersion());
        requirePresent("assigneeId", command.assigneeId());
        requireChangeable();
        if (!command.assigneeId().equals(assigneeId)) {
            PersonRules.requireAgent(people, command.assigneeId());
            apply(new TicketAssigned(ticketId, command.assigneeId(), assigneeId));
        }
        return answer();
    }

    @CommandHandler
    TicketChange handle(UnassignTicket command) {
        checkVersion(command.expectedVersion());
        requireChangeable();
        if (assigneeId != null) {
            apply(new TicketUnassigned(ticketId, assigneeId));
        }
        return answer();
    }

    @CommandHandler
    TicketChange handle(TransferOwnership command, People people) {
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkPresent(violations, "requesterId", command.requesterId());
        String reason = TextRules.strip(command.reason());
        TicketRules.checkReason(violations, reason, true);
        TextRules.requireNone(violations);
        requireChangeable();
        if (!command.requesterId().equals(requesterId)) {
            PersonRules.requireActive(people, command.requesterId(), "requesterId");
            apply(new TicketOwnershipTransferred(ticketId, requesterId, command.requesterId(), reason));
        }
        return answer();
    }

    @CommandHandler
    TicketChange handle(ChangeStatus command) {
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkPresent(violations, "status", command.status());
        String reason = TextRules.strip(command.reason());
        TicketRules.checkReason(violations, reason, false);
        TextRules.requireNone(violations);
        requireNotArchived();
        if (command.status() == status) {
            return answer();
        }
        if (!StatusTransitions.allows(status, command.status())) {
            throw new DocketException(ErrorCode.INVALID_TRANSITION, "A " + status.wireName()
                    + " ticket cannot move to " + command.status().wireName() + ".")
                    .with("currentStatus", status.wireName())
                    .with("requestedStatus", command.status().wireName())
                    .with("allowedStatuses", StatusTransitions.from(status).stream().map(TicketStatus::wireName).toList());
        }
        apply(new TicketStatusChanged(ticketId, status, command.status(), reason == null ? "" : reason));
        return answer();
    }

    @CommandHandler
    TicketChange handle(AddComment command) {
        requireRequestedBy(command.requesterOnly());
        if (command.requesterOnly() != null && command.visibility() == CommentVisibility.INTERNAL) {
            throw new DocketException(ErrorCode.FORBIDDEN, "Requesters write public replies only.");
        }
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = new ArrayList<>();
        TextRules.checkPresent(violations, "commentId", command.commentId());
        TextRules.checkPresent(violations, "author", command.author());
        TextRules.checkPresent(violations, "visibility", command.visibility());
        String body = command.body() == null ? null : command.body().stripTrailing();
        TicketRules.checkCommentBody(violations, body);
        TextRules.requireNone(violations);
        requireChangeable();
        apply(new TicketCommentAdded(ticketId, command.commentId(), command.author(), command.visibility(), body));
        return answer();
    }

    @CommandHandler
    TicketChange handle(AddAttachment command) {
        requireRequestedBy(command.requesterOnly());
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = TicketRules.attachmentViolations(command.fileName(), command.mediaType(),
                command.size(), command.sha256());
        TextRules.checkPresent(violations, "attachmentId", command.attachmentId());
        TextRules.requireNone(violations);
        requireChangeable();
        apply(new TicketAttachmentAdded(ticketId, command.attachmentId(), command.fileName(), command.mediaType(),
                command.size(), command.sha256()));
        return answer();
    }

    @CommandHandler
    TicketChange handle(ChangeTags command) {
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = new ArrayList<>();
        Set<String> add = TicketRules.normalizeTags(command.add(), "add", violations);
        Set<String> remove = TicketRules.normalizeTags(command.remove(), "remove", violations);
        if (violations.isEmpty() && add.isEmpty() && remove.isEmpty()) {
            violations.add(new FieldViolation("add", "or remove must name at least one tag"));
        }
        for (String tag : add) {
            if (remove.contains(tag)) {
                violations.add(new FieldViolation("remove", "must not name a tag that is also added: " + tag));
            }
        }
        TextRules.requireNone(violations);
        requireChangeable();
        List<String> added = add.stream().filter(tag -> !tags.contains(tag)).toList();
        List<String> removed = remove.stream().filter(tags::contains).toList();
        if (tags.size() + added.size() - removed.size() > TicketRules.MAX_TAGS) {
            throw DocketException.invalid("add", "would give the ticket more than " + TicketRules.MAX_TAGS + " tags");
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            apply(new TicketTagsChanged(ticketId, added, removed));
        }
        return answer();
    }

    @CommandHandler
    TicketChange handle(ArchiveTicket command) {
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = new ArrayList<>();
        String reason = TextRules.strip(command.reason());
        TicketRules.checkReason(violations, reason, true);
        TextRules.requireNone(violations);
        requireNotArchived();
        apply(new TicketArchived(ticketId, reason));
        return answer();
    }

    @CommandHandler
    TicketChange handle(RestoreTicket command) {
        checkVersion(command.expectedVersion());
        List<FieldViolation> violations = new ArrayList<>();
        String reason = TextRules.strip(command.reason());
        TicketRules.checkReason(violations, reason, false);
        TextRules.requireNone(violations);
        if (!archived) {
            throw new DocketException(ErrorCode.TICKET_NOT_ARCHIVED, "Ticket " + ticketId + " is not archived.");
        }
        apply(new TicketRestored(ticketId, reason == null ? "" : reason));
        return answer();
    }

    /**
     * When a requester acts, only their own ticket answers; any other answers exactly as a ticket that does not
     * exist, so its existence does not leak. Checked before anything else, the version included.
     */
    private void requireRequestedBy(UserId requester) {
        if (requester != null && !requester.equals(requesterId)) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket with this id.");
        }
    }

    /** Refuses a stale {@code If-Match}. */
    private void checkVersion(Long expectedVersion) {
        VersionRules.requireCurrent(expectedVersion, version, "ticket");
    }

    private void requireNotArchived() {
        if (archived) {
            throw new DocketException(ErrorCode.TICKET_ARCHIVED,
                    "Ticket " + ticketId + " is archived; restore it before changing it.");
        }
    }

    private void requireChangeable() {
        requireNotArchived();
        if (status == TicketStatus.CLOSED) {
            throw new DocketException(ErrorCode.TICKET_CLOSED, "Ticket " + ticketId + " is closed; it cannot change.");
        }
    }

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw DocketException.invalid(field, "is required");
        }
    }

    private TicketChange answer() {
        return new TicketChange(ticketId, version);
    }

    @EventSourcingHandler
    void on(TicketOpened event, @SequenceNumber long sequence) {
        ticketId = event.ticketId();
        status = TicketStatus.OPEN;
        priority = event.priority();
        title = event.title();
        description = event.description();
        requesterId = event.requesterId();
        tags = new LinkedHashSet<>(event.tags());
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketEdited event, @SequenceNumber long sequence) {
        title = event.title();
        description = event.description();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketPriorityChanged event, @SequenceNumber long sequence) {
        priority = event.to();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketAssigned event, @SequenceNumber long sequence) {
        assigneeId = event.assigneeId();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketUnassigned event, @SequenceNumber long sequence) {
        assigneeId = null;
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketOwnershipTransferred event, @SequenceNumber long sequence) {
        requesterId = event.toRequesterId();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketStatusChanged event, @SequenceNumber long sequence) {
        status = event.to();
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketCommentAdded event, @SequenceNumber long sequence) {
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketAttachmentAdded event, @SequenceNumber long sequence) {
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketTagsChanged event, @SequenceNumber long sequence) {
        tags.removeAll(event.removed());
        tags.addAll(event.added());
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketArchived event, @SequenceNumber long sequence) {
        archived = true;
        version = sequence + 1;
    }

    @EventSourcingHandler
    void on(TicketRestored event, @SequenceNumber long sequence) {
        archived = false;
        version = sequence + 1;
    }

    @Override
    public String toString() {
        return "Ticket[" + Objects.toString(ticketId) + " v" + version + " " + status + "]";
    }
}
