package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A ticket now belongs to another requester.
 *
 * @param fromRequesterId the requester before
 * @param toRequesterId   the requester now
 * @param reason          why, 1 to 1,000 characters
 */
@EventType(name = "dev.docket.ticket.ownership-transferred", version = 1)
@Revision("1")
public record TicketOwnershipTransferred(
        @JsonProperty("ticketId") TicketId ticketId,
        @JsonProperty("fromRequesterId") UserId fromRequesterId,
        @JsonProperty("toRequesterId") UserId toRequesterId,
        @JsonProperty("reason") String reason) implements TicketEvent {

    public TicketOwnershipTransferred {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(fromRequesterId, "fromRequesterId");
        Objects.requireNonNull(toRequesterId, "toRequesterId");
        Objects.requireNonNull(reason, "reason");
    }
}
