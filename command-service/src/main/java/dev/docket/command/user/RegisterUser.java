package dev.docket.command.user;

import dev.docket.events.Role;
import dev.docket.events.UserId;

/** Register a person. The id is allocated and the email claimed in the directory before the command is sent. */
public record RegisterUser(UserId userId, String email, String displayName, Role role) {
}
