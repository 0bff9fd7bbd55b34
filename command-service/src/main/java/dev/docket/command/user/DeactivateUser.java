package dev.docket.command.user;

import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param expectedVersion the version the caller last saw ({@code If-Match}); null applies it to the latest */
public record DeactivateUser(@TargetAggregateIdentifier UserId userId, Long expectedVersion, String reason) {
}
