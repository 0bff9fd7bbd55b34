package dev.docket.command.ticket;

import dev.docket.events.ErrorCode;
import dev.docket.events.TicketStatus;
import dev.docket.support.errors.DocketException;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.docket.events.TicketStatus.CLOSED;
import static dev.docket.events.TicketStatus.IN_PROGRESS;
import static dev.docket.events.TicketStatus.OPEN;
import static dev.docket.events.TicketStatus.RESOLVED;
import static dev.docket.events.TicketStatus.WAITING_ON_CUSTOMER;

/**
 * The one table of allowed status moves. A ticket goes {@code open → in_progress → waiting_on_customer → resolved →
 * closed}; an agent may resolve from any working state, waiting goes back to in progress when the customer answers,
 * a resolved ticket is reopened (back to {@code open}, so it shows up in the queue again) or closed, and
 * {@code closed} is final. Staying in the same status is not a move (the command changes nothing).
 */
public final class StatusTransitions {

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = new EnumMap<>(TicketStatus.class);

    static {
        ALLOWED.put(OPEN, EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED));
        ALLOWED.put(IN_PROGRESS, EnumSet.of(WAITING_ON_CUSTOMER, RESOLVED));
        ALLOWED.put(WAITING_ON_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED));
        ALLOWED.put(RESOLVED, EnumSet.of(OPEN, CLOSED));
        ALLOWED.put(CLOSED, EnumSet.noneOf(TicketStatus.class));
    }

    private StatusTransitions() {
    }

    public static boolean allows(TicketStatus from, TicketStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Refuses a move the table does not allow, naming the moves it does. */
    static void require(TicketStatus from, TicketStatus to) {
        if (!allows(from, to)) {
            throw new DocketException(ErrorCode.INVALID_TRANSITION, "A ticket in status " + from.wireName() + " cannot move to "
                    + to.wireName() + ".")
                    .with("currentStatus", from.wireName())
                    .with("requestedStatus", to.wireName())
                    .with("allowedStatuses", from(from).stream().map(TicketStatus::wireName).toList());
        }
    }

    /** The statuses a ticket in {@code from} may move to, in lifecycle order. */
    public static Set<TicketStatus> from(TicketStatus from) {
        return Collections.unmodifiableSet(ALLOWED.get(from));
    }
}
