package dev.docket.command.app;

import dev.docket.events.AttachmentId;
import dev.docket.events.CommentId;
import dev.docket.events.TicketId;
import dev.docket.events.UserId;
import dev.docket.support.errors.DocketException;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * New ids are version 7 UUIDs (RFC 9562): the leading millisecond timestamp keeps new rows at the right-hand edge of
 * every index on the id, the 74 random bits keep ids unguessable. Also parses ids from requests.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static UUID uuid7() {
        long millis = System.currentTimeMillis();
        long randomA = RANDOM.nextLong();
        long randomB = RANDOM.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
        long leastSignificant = (randomB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    static TicketId newTicketId() {
        return new TicketId(uuid7());
    }

    static UserId newUserId() {
        return new UserId(uuid7());
    }

    public static CommentId newCommentId() {
        return new CommentId(uuid7());
    }

    static AttachmentId newAttachmentId() {
        return new AttachmentId(uuid7());
    }

    /** A typed id from request text; anything but a canonical UUID is a validation failure naming {@code field}. */
    public static <T> T parse(String text, Function<String, T> parser, String field) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw DocketException.invalid(field, "must be an id (a UUID such as 0193a0e2-7c1d-7b4e-9f00-5a2b3c4d5e6f)");
        }
    }

    /** Like {@link #parse}, but absent text is null. */
    public static <T> T parseOptional(String text, Function<String, T> parser, String field) {
        return text == null ? null : parse(text, parser, field);
    }
}
