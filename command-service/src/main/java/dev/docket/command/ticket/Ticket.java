package dev.docket.command.ticket;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.command.rules.TextRules;
import dev.docket.command.rules.VersionRules;
import dev.docket.events.ErrorCode;
import dev.docket.events.MetadataKeys;
import dev.docket.events.Priority;
import dev.docket.events.SlaBreached;
import dev.docket.events.SlaFulfilled;
import dev.docket.events.SlaWarningRaised;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketAttachmentAdded;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketEdited;
import dev.docket.events.TicketEvent;
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
import dev.docket.events.sla.SlaMilestone;
import dev.docket.support.errors.DocketException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A support ticket, rebuilt from its events (or a snapshot and the events after it, or kept in the cache). It holds
 * only what its decisions need; its version is Axon's ({@link VersionRules#current()}). Every handler answers the
 * ticket's version after the command; a command that would change nothing (the same priority, a tag the ticket has)
 * emits no event and answers the current version.
 *
 * <p>Order of checks in every change: the ticket exists (and is the requester's own, when a requester acts), the
 * caller's {@code If-Match} version is current ({@link #checkedAndAnswered}), the input is valid
 * ({@link TicketRules}), the ticket accepts changes (not archived, not closed), then the rule of the command.
 */
@Aggregate(snapshotTriggerDefinition = "ticketSnapshotTrigger", cache = "ticketCache",
        commandTargetResolver = "commandTargets")
@Revision("4") // the snapshot's shape: change it with the fields below, so old snapshots are ignored
class Ticket {

    @AggregateIdentifier @JsonProperty private TicketId ticketId;
    @JsonProperty private TicketStatus status;
    @JsonProperty private Priority priority;
    @JsonProperty private String title;
    @JsonProperty private String description;
    /** Who wrote the title and the description: their keys seal the texts, also when an edit carries one along. */
    @JsonProperty private String titleWriter;
    @JsonProperty private String descriptionWriter;
    @JsonProperty private UserId requesterId;
    @JsonProperty private UserId assigneeId;
    @JsonProperty private Set<String> tags = new LinkedHashSet<>();
    @JsonProperty private boolean archived;
    /** The service-level milestones recorded, by {@link SlaMilestone#key()}: each is recorded once. */
    @JsonProperty private Set<String> slaMilestones = new HashSet<>();

    Ticket() {
        // for Axon: state comes from the events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    OpenedTicket handle(OpenTicket command, People people, TicketNumbers numbers,
                        @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        TicketRules.Opening opening = TicketRules.opening(command);
        PersonRules.requireActive(people, command.requesterId(), "requesterId");
        TicketOpened opened = opening.numbered(numbers.next());
        apply(opened, writers(actor, actor));
        return new OpenedTicket(answer(), opened.number());
    }

    @CommandHandler
    void handle(EditTicket command, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        TicketEdited edited = TicketRules.edit(command, title, description);
        requireChangeable();
        boolean newTitle = !edited.title().equals(title);
        boolean newDescription = !edited.description().equals(description);
        if (newTitle || newDescription) {
            // the edit carries both texts; the one it does not change stays its writer's
            apply(edited, writers(newTitle ? actor : titleWriter, newDescription ? actor : descriptionWriter));
        }
    }

    /** The metadata naming who wrote the title and the description an event carries, where known. */
    private static MetaData writers(String titleWriter, String descriptionWriter) {
        Map<String, String> writers = new HashMap<>();
        if (titleWriter != null) {
            writers.put(MetadataKeys.WRITER_PREFIX + "title", titleWriter);
        }
        if (descriptionWriter != null) {
            writers.put(MetadataKeys.WRITER_PREFIX + "description", descriptionWriter);
        }
        return MetaData.from(writers);
    }

    @CommandHandler
    void handle(ChangePriority command) {
        TextRules.requirePresent("priority", command.priority());
        requireChangeable();
        if (command.priority() != priority) {
            apply(new TicketPriorityChanged(ticketId, priority, command.priority()));
        }
    }

    @CommandHandler
    void handle(AssignTicket command, People people) {
        TextRules.requirePresent("assigneeId", command.assigneeId());
        requireChangeable();
        if (!command.assigneeId().equals(assigneeId)) {
            PersonRules.requireAgent(people, command.assigneeId());
            apply(new TicketAssigned(ticketId, command.assigneeId(), assigneeId));
        }
    }

    @CommandHandler
    void handle(UnassignTicket command) {
        requireChangeable();
        if (assigneeId != null) {
            apply(new TicketUnassigned(ticketId, assigneeId));
        }
    }

    @CommandHandler
    void handle(TransferOwnership command, People people) {
        String reason = TicketRules.reason(command);
        requireChangeable();
        if (!command.requesterId().equals(requesterId)) {
            PersonRules.requireActive(people, command.requesterId(), "requesterId");
            apply(new TicketOwnershipTransferred(ticketId, requesterId, command.requesterId(), reason));
        }
    }

    @CommandHandler
    void handle(ChangeStatus command) {
        String reason = TicketRules.reason(command);
        requireNotArchived();
        if (command.status() != status) {
            StatusTransitions.require(status, command.status());
            apply(new TicketStatusChanged(ticketId, status, command.status(), reason));
        }
    }

    @CommandHandler
    void handle(AddComment command) {
        String body = TicketRules.commentBody(command);
        requireChangeable();
        apply(new TicketCommentAdded(ticketId, command.commentId(), command.author(), command.visibility(), body));
    }

    @CommandHandler
    void handle(AddAttachment command) {
        TicketRules.checkAttachment(command);
        requireChangeable();
        apply(new TicketAttachmentAdded(ticketId, command.attachmentId(), command.fileName(), command.mediaType(),
                command.size(), command.sha256()));
    }

    @CommandHandler
    void handle(ChangeTags command) {
        TicketRules.TagChange change = TicketRules.tagChange(command);
        requireChangeable();
        TicketTagsChanged changed = change.of(ticketId, tags);
        if (!changed.added().isEmpty() || !changed.removed().isEmpty()) {
            apply(changed);
        }
    }

    @CommandHandler
    void handle(ArchiveTicket command) {
        String reason = TicketRules.reason(command);
        requireNotArchived();
        apply(new TicketArchived(ticketId, reason));
    }

    @CommandHandler
    void handle(RestoreTicket command) {
        String reason = TicketRules.reason(command);
        if (!archived) {
            throw new DocketException(ErrorCode.TICKET_NOT_ARCHIVED, "Ticket " + ticketId + " is not archived.");
        }
        apply(new TicketRestored(ticketId, reason));
    }

    /**
     * Records the milestones not recorded yet, in the order given. Also on a closed or archived ticket: the
     * fulfilments its closing caused, or a breach due before it was archived, still belong to its history.
     */
    @CommandHandler
    TicketChange handle(RecordSlaMilestones command) {
        long version = VersionRules.current();
        if (version != command.basedOnVersion()) {
            throw new DocketException(ErrorCode.VERSION_MISMATCH, "The clocks were computed at version "
                    + command.basedOnVersion() + "; the ticket is at " + version + ".").with("currentVersion", version);
        }
        for (SlaMilestone milestone : command.milestones()) {
            if (!slaMilestones.contains(milestone.key())) {
                apply(SlaEvents.of(ticketId, milestone));
            }
        }
        return answer();
    }

    /**
     * Around every change: when a requester acts, only their own ticket answers (any other answers exactly as a
     * ticket that does not exist, so its existence does not leak), checked before anything else; then the caller's
     * {@code If-Match} must be current. The handler decides; the answer is the ticket's version after it.
     */
    @CommandHandlerInterceptor
    TicketChange checkedAndAnswered(TicketChangeCommand command, InterceptorChain chain) throws Exception {
        if (command.requesterOnly() != null && !command.requesterOnly().equals(requesterId)) {
            throw new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket with this id.");
        }
        VersionRules.requireCurrent(command.expectedVersion(), "ticket");
        chain.proceed();
        return answer();
    }

    /** Who wrote a text field of an event: the writer its metadata names, else its actor. */
    private static String writer(MetaData metaData, String field) {
        Object writer = metaData.getOrDefault(MetadataKeys.WRITER_PREFIX + field, metaData.get(MetadataKeys.ACTOR));
        return writer == null ? null : writer.toString();
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

    private TicketChange answer() {
        return new TicketChange(ticketId, VersionRules.current());
    }

    /** Every event of the ticket; the compiler insists that each is handled. Handlers only assign. */
    @EventSourcingHandler
    void on(TicketEvent event, MetaData metaData) {
        switch (event) {
            case TicketOpened e -> {
                ticketId = e.ticketId();
                status = TicketStatus.OPEN;
                priority = e.priority();
                title = e.title();
                description = e.description();
                titleWriter = writer(metaData, "title");
                descriptionWriter = writer(metaData, "description");
                requesterId = e.requesterId();
                tags = new LinkedHashSet<>(e.tags());
            }
            case TicketEdited e -> {
                title = e.title();
                description = e.description();
                titleWriter = writer(metaData, "title");
                descriptionWriter = writer(metaData, "description");
            }
            case TicketPriorityChanged e -> priority = e.to();
            case TicketAssigned e -> assigneeId = e.assigneeId();
            case TicketUnassigned e -> assigneeId = null;
            case TicketOwnershipTransferred e -> requesterId = e.toRequesterId();
            case TicketStatusChanged e -> status = e.to();
            case TicketTagsChanged e -> {
                tags.removeAll(e.removed());
                tags.addAll(e.added());
            }
            case TicketArchived e -> archived = true;
            case TicketRestored e -> archived = false;
            case TicketCommentAdded e -> { } // nothing the decisions need
            case TicketAttachmentAdded e -> { }
            case SlaWarningRaised e -> slaMilestones.add(e.milestoneKey());
            case SlaBreached e -> slaMilestones.add(e.milestoneKey());
            case SlaFulfilled e -> slaMilestones.add(e.milestoneKey());
        }
    }
}
