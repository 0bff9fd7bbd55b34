package dev.docket.command.user;

import dev.docket.events.UserEvent;
import dev.docket.events.UserId;

/**
 * What every accepted user command answers: the user's version after it, and the event it caused (null when the
 * command changed nothing), which the application layer applies to the user directory in the same transaction.
 */
public record UserChange(UserId userId, long version, UserEvent event) {
}
