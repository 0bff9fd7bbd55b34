package dev.docket.support.web;

import org.jspecify.annotations.Nullable;

/**
 * What request text must be for PostgreSQL and the JVM to keep it exactly as sent. PostgreSQL's text types refuse
 * the NUL character, and a string holding half of a surrogate pair has no UTF-8 form (the JDK would store {@code ?}
 * in its place). Bytes must be UTF-8 in its shortest form: an overlong sequence such as {@code C0 AF} is another
 * way of writing {@code /} that a gateway in front may not read the way we would, and an encoded surrogate is
 * not UTF-8 at all.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why {@code text} cannot be stored as it is, or null when it can. */
    public static @Nullable String fault(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
        }
        return null;
    }

    /**
     * Checks a byte stream as it passes, one byte at a time, against the well-formed UTF-8 sequences of RFC 3629
     * (Table 3-7 of the Unicode standard), without the NUL character.
     */
    static final class Utf8 {

        /** Continuation bytes still expected in the current sequence. */
        private int pending;
        /** The range the next continuation byte must fall in (the first one is narrowed to exclude overlongs). */
        private int low = 0x80;
        private int high = 0xBF;
        private long offset;

        /** Why the byte at this position breaks the text, or null while it is well-formed. */
        @Nullable String accept(int b) {
            long at = offset++;
            if (pending > 0) {
                if (b < low || b > high) {
                    return "is not UTF-8: byte " + at + " ends a character early";
                }
                pending--;
                low = 0x80;
                high = 0xBF;
                return null;
            }
            if (b == 0) {
                return "must not contain the NUL character (U+0000); byte " + at;
            }
            if (b < 0x80) {
                return null;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return "is not UTF-8: byte " + at + " (0x" + Integer.toHexString(b).toUpperCase()
                        + ") cannot start a character in its shortest form";
            }
            return null;
        }

        /** Why the text ends badly, or null when its last character is complete. */
        @Nullable String end() {
            return pending > 0 ? "is not UTF-8: it ends inside a character" : null;
        }
    }
}
