package dev.docket.command.user;

import dev.docket.events.UserId;

/** What every accepted user command answers: the person and their version after it. */
public record UserChange(UserId userId, long version) {
}
