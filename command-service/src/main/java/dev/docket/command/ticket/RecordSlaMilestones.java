package dev.docket.command.ticket;

import dev.docket.events.TicketId;
import dev.docket.events.sla.SlaMilestone;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Record the service-level milestones the clocks found for a ticket, computed from its history up to
 * {@code basedOnVersion}: the ticket records each one it has not recorded yet, and refuses the lot when it has moved
 * on since (the clocks are then computed again). Sent by Docket itself, never through the API.
 */
public record RecordSlaMilestones(@TargetAggregateIdentifier TicketId ticketId, long basedOnVersion,
                                  List<SlaMilestone> milestones) {
}
