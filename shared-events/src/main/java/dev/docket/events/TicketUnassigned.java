package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/** A ticket no longer has an assignee; {@code previousAssigneeId} had it. */
@EventType(name = "dev.docket.ticket.unassigned", version = 1)
@Revision("1")
public record TicketUnassigned(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("previousAssigneeId") UserId previousAssigneeId) implements TicketEvent {

    public TicketUnassigned {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(previousAssigneeId, "previousAssigneeId");
    }
}
