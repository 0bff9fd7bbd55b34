package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * A person was registered, active from now on.
 *
 * @param email       normalised (trimmed, lower case), unique among all people ever registered
 * @param displayName how Docket shows them, 1 to 200 characters
 * @param role        {@code requester}, {@code agent} or {@code admin}
 */
@EventType(name = "dev.docket.user.registered", version = 2, earlier = 1)
@Revision("2")
public record UserRegistered(
        @JsonProperty("userId") UserId userId,
        @JsonProperty("email") String email,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("role") Role role) implements UserEvent {

    public UserRegistered {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }
}
