package dev.docket.query.api;

import dev.docket.support.security.Caller;

import java.util.UUID;

/**
 * Whose tickets a read may show. Agents, admins and auditors see every ticket and internal notes; a requester sees
 * only the tickets they requested (any other answers as missing) and never an internal note.
 *
 * @param ownTicketsOf the requester whose tickets alone are visible; null when everything is
 */
public record Viewer(UUID ownTicketsOf) {

    /** Requests no ticket has: the requester of a caller whose subject is not a person's id. */
    private static final UUID NOBODY = new UUID(0, 0);

    /** The viewer of the current request. */
    public static Viewer current() {
        Caller caller = Caller.current();
        if (!caller.seesOnlyOwnTickets()) {
            return new Viewer(null);
        }
        try {
            return new Viewer(UUID.fromString(caller.subject()));
        } catch (IllegalArgumentException notAPerson) {
            return new Viewer(NOBODY);
        }
    }

    public boolean seesEverything() {
        return ownTicketsOf == null;
    }

    /** Whether a ticket with this requester is visible. */
    public boolean sees(UUID requester) {
        return ownTicketsOf == null || ownTicketsOf.equals(requester);
    }
}
