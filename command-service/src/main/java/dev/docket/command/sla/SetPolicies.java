package dev.docket.command.sla;

import dev.docket.events.PolicyBookId;
import dev.docket.events.sla.SlaPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Replace the ordered service-level policies, in force from now on. The calendars they name were checked to exist
 * before it is sent.
 *
 * @param expectedVersion the version the caller last saw ({@code If-Match}); null applies it to the latest
 */
public record SetPolicies(@TargetAggregateIdentifier PolicyBookId bookId, Long expectedVersion,
                          List<SlaPolicy> policies, String reason) {
}
