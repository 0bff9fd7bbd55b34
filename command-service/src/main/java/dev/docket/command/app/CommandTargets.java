package dev.docket.command.app;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which aggregate a command is for: its record component marked {@link TargetAggregateIdentifier}, as with Axon's
 * {@code AnnotationCommandTargetResolver}, but looked up once per command type instead of by reflection on every
 * command (that lookup, and the exception it builds for a command that creates an aggregate, were 3% of the request
 * threads' CPU). Docket's commands are records; the aggregates check the expected version themselves
 * ({@code VersionRules}), so a {@link TargetAggregateVersion} is refused when the type is first seen rather than
 * silently ignored.
 */
@Component
public class CommandTargets implements CommandTargetResolver {

    private final ClassValue<Optional<MethodHandle>> identifiers = new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> type) {
            return identifierOf(type);
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        MethodHandle accessor = identifiers.get(payload.getClass()).orElseThrow(() -> new Creation(payload));
        Object identifier;
        try {
            identifier = accessor.invoke(payload);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("reading the target of " + payload.getClass().getName(), e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command: " + payload.getClass().getSimpleName()
                    + " does not name the aggregate it is for");
        }
        return new VersionedAggregateIdentifier(identifier, null);
    }

    private static Optional<MethodHandle> identifierOf(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("Commands are records; " + type.getName() + " is not");
        }
        List<RecordComponent> components = Arrays.asList(type.getRecordComponents());
        if (components.stream().anyMatch(c -> marked(c, TargetAggregateVersion.class))) {
            throw new IllegalArgumentException(type.getName() + " uses @TargetAggregateVersion; the aggregates check"
                    + " the expected version themselves");
        }
        List<RecordComponent> targets = components.stream()
                .filter(c -> marked(c, TargetAggregateIdentifier.class)).toList();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        if (targets.size() > 1) {
            throw new IllegalArgumentException(type.getName() + " marks more than one component with"
                    + " @TargetAggregateIdentifier");
        }
        Method accessor = targets.getFirst().getAccessor();
        accessor.setAccessible(true);
        try {
            return Optional.of(MethodHandles.lookup().unreflect(accessor));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("reading " + accessor, e);
        }
    }

    /** Axon's annotations do not target record components; on a component they land on its field and accessor. */
    private static boolean marked(RecordComponent component, Class<? extends Annotation> annotation) {
        return component.getAccessor().isAnnotationPresent(annotation);
    }

    /**
     * A command that names no aggregate creates one ({@code OpenTicket}, {@code RegisterUser}): Axon asks and takes
     * this answer as "new". It is thrown on every such command, so it skips the stack trace nobody reads.
     */
    private static final class Creation extends IdentifierMissingException {
        Creation(Object payload) {
            super(payload.getClass().getSimpleName() + " names no existing aggregate");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
