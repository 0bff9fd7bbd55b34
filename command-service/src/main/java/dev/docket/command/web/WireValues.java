package dev.docket.command.web;

import dev.docket.support.errors.DocketException;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lower-case wire names of the contract's enums from requests, naming the allowed values on error. */
final class WireValues {

    private WireValues() {
    }

    /** Null stays null; an unknown name is a validation failure of {@code field}. */
    static <E extends Enum<E>> E parse(String text, Class<E> type, Function<String, Optional<E>> parser,
                                       String field) {
        if (text == null) {
            return null;
        }
        return parser.apply(text).orElseThrow(() -> DocketException.invalid(field, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "))));
    }
}
