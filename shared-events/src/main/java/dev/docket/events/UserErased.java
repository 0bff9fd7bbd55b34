package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;
import java.util.UUID;

/**
 * A person was erased (a right-to-erasure request): their data key is destroyed, so every personal text sealed under
 * it, their profile and what they wrote, is unreadable wherever it was stored or published. Their id stays as a
 * stable pseudonym: history keeps its shape. Consumers must forget the person: replace whatever they opened with
 * the key by {@code [erased]} and never ask for the key again (it answers 410). Who asked is the event's actor.
 *
 * @param keyId      the destroyed data key; null when the person never had one (registered before sealing existed)
 * @param legalBasis the basis the erasure was made under, for example {@code GDPR Art. 17(1)(a)}
 * @param reason     the request's reference or why, possibly empty, never null; never the person's own data
 */
@EventType(name = "dev.docket.user.erased", version = 1)
@Revision("1")
public record UserErased(
        @JsonProperty("userId") UserId userId,
        @JsonProperty("keyId") UUID keyId,
        @JsonProperty("legalBasis") String legalBasis,
        @JsonProperty("reason") String reason) implements UserEvent {

    public UserErased {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(legalBasis, "legalBasis");
        reason = reason == null ? "" : reason;
    }
}
