package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/** A person's display name changed; read models show the new one wherever the person appears. */
@EventType(name = "dev.docket.user.display-name-changed", version = 2, earlier = 1)
@Revision("2")
public record UserDisplayNameChanged(
        @JsonProperty("userId") UserId userId,
        @JsonProperty("displayName") String displayName) implements UserEvent {

    public UserDisplayNameChanged {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
