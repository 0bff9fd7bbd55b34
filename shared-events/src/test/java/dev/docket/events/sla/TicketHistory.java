package dev.docket.events.sla;

import dev.docket.events.CommentId;
import dev.docket.events.CommentVisibility;
import dev.docket.events.Priority;
import dev.docket.events.TicketArchived;
import dev.docket.events.TicketAssigned;
import dev.docket.events.TicketCommentAdded;
import dev.docket.events.TicketId;
import dev.docket.events.TicketOpened;
import dev.docket.events.TicketPriorityChanged;
import dev.docket.events.TicketRestored;
import dev.docket.events.TicketStatus;
import dev.docket.events.TicketStatusChanged;
import dev.docket.events.TicketTagsChanged;
import dev.docket.events.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A ticket's facts written as sentences, for the clock tests: {@code history.at(t).agentReplies()}. */
final class TicketHistory {

    static final UserId REQUESTER = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    static final UserId AGENT = new UserId(UUID.fromString("00000000-0000-0000-0000-0000000000b2"));

    private final TicketId ticket = new TicketId(UUID.fromString("00000000-0000-0000-0000-00000000c0de"));
    private final List<TicketFact> facts = new ArrayList<>();
    private Priority priority;
    private TicketStatus status;
    private Instant at;

    static TicketHistory openedAt(Instant at, Priority priority, String... tags) {
        TicketHistory history = new TicketHistory();
        history.at = at;
        history.priority = priority;
        history.status = TicketStatus.OPEN;
        history.facts.add(TicketFact.of(at, new TicketOpened(history.ticket, "TCK-000001", "Printer on fire", "",
                priority, REQUESTER, List.of(tags))));
        return history;
    }

    TicketHistory at(Instant next) {
        this.at = next;
        return this;
    }

    TicketHistory agentReplies() {
        return comment(AGENT, CommentVisibility.PUBLIC, false);
    }

    TicketHistory agentAddsInternalNote() {
        return comment(AGENT, CommentVisibility.INTERNAL, false);
    }

    TicketHistory automatedAgentReplies() {
        return comment(AGENT, CommentVisibility.PUBLIC, true);
    }

    TicketHistory requesterWrites() {
        return comment(REQUESTER, CommentVisibility.PUBLIC, false);
    }

    TicketHistory movesTo(TicketStatus to) {
        facts.add(TicketFact.of(at, new TicketStatusChanged(ticket, status, to, "")));
        status = to;
        return this;
    }

    TicketHistory prioritised(Priority to) {
        facts.add(TicketFact.of(at, new TicketPriorityChanged(ticket, priority, to)));
        priority = to;
        return this;
    }

    TicketHistory tagged(List<String> added, List<String> removed) {
        facts.add(TicketFact.of(at, new TicketTagsChanged(ticket, added, removed)));
        return this;
    }

    TicketHistory archived() {
        facts.add(TicketFact.of(at, new TicketArchived(ticket, "duplicate")));
        return this;
    }

    TicketHistory restored() {
        facts.add(TicketFact.of(at, new TicketRestored(ticket, "needed after all")));
        return this;
    }

    /** A fact the clocks ignore. */
    TicketHistory assigned() {
        facts.add(TicketFact.of(at, new TicketAssigned(ticket, AGENT, null)));
        return this;
    }

    List<TicketFact> facts() {
        return List.copyOf(facts);
    }

    private TicketHistory comment(UserId author, CommentVisibility visibility, boolean automated) {
        facts.add(new TicketFact(at, new TicketCommentAdded(ticket, new CommentId(UUID.randomUUID()),
                author.toString(), visibility, "text"), automated));
        return this;
    }
}
