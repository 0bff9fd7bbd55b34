package dev.docket.query.changes;

import dev.docket.support.errors.DocketException;

/**
 * A place in a generation's change log: the SSE event id, {@code <generation>-<seq>}. A position of another
 * generation (the read models were rebuilt since) cannot be resumed from: the client starts again with a reset.
 */
record ChangePosition(int generation, long seq) {

    static ChangePosition parse(String id) {
        int dash = id.indexOf('-');
        try {
            if (dash > 0) {
                ChangePosition position = new ChangePosition(Integer.parseInt(id.substring(0, dash)),
                        Long.parseLong(id.substring(dash + 1)));
                if (position.generation > 0 && position.seq >= 0) {
                    return position;
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DocketException.invalid("Last-Event-ID", "must be an event id this stream sent, such as 3-1042");
    }

    @Override
    public String toString() {
        return generation + "-" + seq;
    }
}
