package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A ticket was assigned to an active agent, or reassigned.
 *
 * @param assigneeId         the agent who works it now
 * @param previousAssigneeId the agent who worked it before, or null when it was unassigned
 */
@EventType(name = "dev.docket.ticket.assigned", version = 1)
@Revision("1")
public record TicketAssigned(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("assigneeId") UserId assigneeId,
        @JsonProperty("previousAssigneeId") UserId previousAssigneeId) implements TicketEvent {

    public TicketAssigned {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(assigneeId, "assigneeId");
    }
}
