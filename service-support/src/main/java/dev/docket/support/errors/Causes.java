package dev.docket.support.errors;

import org.jspecify.annotations.Nullable;

import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Walks an exception's cause chain. Frameworks wrap what our code throws (Axon a handler's refusal, Spring a
 * driver's {@code SQLException}), so decisions look through the wrappers.
 */
public final class Causes {

    private Causes() {
    }

    /** The exception and its causes, outermost first; a cause that is its own cause ends the chain. */
    public static Stream<Throwable> of(Throwable e) {
        return Stream.iterate(e, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /** The outermost exception in the chain of the given type, or null. */
    public static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        return of(e).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /** Whether any exception in the chain matches. */
    public static boolean any(Throwable e, Predicate<Throwable> test) {
        return of(e).anyMatch(test);
    }
}
