package dev.docket.command.app;

import dev.docket.events.TicketId;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New ticket ids: version 7 UUIDs (RFC 9562). The leading millisecond timestamp keeps new rows at the right-hand
 * edge of every index on the id; the 74 random bits keep ids unguessable.
 */
final class TicketIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketIds() {
    }

    static TicketId next() {
        long millis = System.currentTimeMillis();
        long randomA = RANDOM.nextLong();
        long randomB = RANDOM.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
        long leastSignificant = (randomB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new TicketId(new UUID(mostSignificant, leastSignificant));
    }
}
