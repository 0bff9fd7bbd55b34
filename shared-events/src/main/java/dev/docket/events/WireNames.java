package dev.docket.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The wire form of the contract's enums: the constant's name in lower case ({@code IN_PROGRESS} is {@code in_progress}). */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Exact, case-sensitive match of a wire name; anything else is empty. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(text)).findFirst();
    }
}
