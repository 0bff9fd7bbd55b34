package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A person was deactivated: no new tickets for them, no assignments to them. Their history and the tickets they
 * requested or work stay as they are.
 *
 * @param reason why, possibly empty, never null
 */
@EventType(name = "dev.docket.user.deactivated", version = 2, earlier = 1)
@Revision("2")
public record UserDeactivated(
        @JsonProperty("userId") UserId userId,
        @JsonProperty("reason") String reason) implements UserEvent {

    public UserDeactivated {
        Objects.requireNonNull(userId, "userId");
        reason = reason == null ? "" : reason;
    }
}
