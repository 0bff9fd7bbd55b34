package dev.docket.command.ticket;

import dev.docket.events.ErrorCode;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;

/**
 * Who may be named on a ticket: a requester must exist and be active; an assignee must also work tickets (agent or
 * admin). Used by the aggregate and, before a ticket number is allocated, by the application layer.
 */
public final class PersonRules {

    private PersonRules() {
    }

    public static People.Person requireActive(People people, UserId id, String field) {
        People.Person person = people.find(id).orElseThrow(() -> new DocketException(ErrorCode.UNKNOWN_USER,
                "No user " + id + " (" + field + ").").with("field", field));
        if (!person.active()) {
            throw new DocketException(ErrorCode.USER_INACTIVE, "User " + id + " (" + field + ") is deactivated.")
                    .with("field", field);
        }
        return person;
    }

    static void requireAgent(People people, UserId id) {
        People.Person person = requireActive(people, id, "assigneeId");
        if (!person.role().worksTickets()) {
            throw new DocketException(ErrorCode.NOT_AN_AGENT, "User " + id + " is a " + person.role().wireName()
                    + "; only agents and admins can be assigned.").with("field", "assigneeId");
        }
    }
}
