package dev.docket.command.ticket;

import dev.docket.events.Role;
import dev.docket.events.UserId;

import java.util.Optional;

/**
 * What the ticket needs to know about people: whether someone exists, is active, and may work tickets. Answered
 * by the command side's own user directory (never by the eventually consistent read side), inside the command's
 * transaction. Command handlers receive it as a parameter.
 */
public interface People {

    Optional<Person> find(UserId id);

    record Person(UserId id, Role role, boolean active) {
    }
}
