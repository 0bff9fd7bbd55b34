package dev.docket.command.user;

import dev.docket.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Erases a person (a right-to-erasure request). Sent by the erasure, in the transaction that destroys their key.
 *
 * @param keyId      the data key destroyed with it; null when the person never had one
 * @param legalBasis the basis the erasure is made under
 * @param reason     the request's reference or why; may be null
 */
public record ErasePerson(@TargetAggregateIdentifier UserId userId, UUID keyId, String legalBasis, String reason) {
}
