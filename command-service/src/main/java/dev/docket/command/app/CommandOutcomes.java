package dev.docket.command.app;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Around every command's handling, once: how long the ticket (or person) took to decide, per command type and
 * outcome ({@code docket.commands}: accepted, a refusal's code, or error), and the refusal for a command whose
 * aggregate does not exist. The commit follows; {@code http.server.requests} includes it.
 */
@Component
class CommandOutcomes implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final MeterRegistry meters;
    /** One timer per command type and outcome, found once: building and registering it per command cost 0.6%. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CommandOutcomes(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            Object result = chain.proceed();
            outcome = "accepted";
            return result;
        } catch (AggregateNotFoundException | IncompatibleAggregateException missing) {
            // No events under this id, or the events of another kind of aggregate (a user's id sent to a ticket
            // command): Axon refuses to load either before any handler runs, so nothing was appended.
            DocketException notFound = notFound(command);
            outcome = notFound.code().name();
            throw notFound;
        } catch (DocketException refusal) {
            outcome = refusal.code().name();
            throw refusal;
        } finally {
            String type = command.getPayloadType().getSimpleName();
            String result = outcome;
            sample.stop(timers.computeIfAbsent(type + ' ' + result, key -> Timer.builder("docket.commands")
                    .tag("command", type).tag("outcome", result).publishPercentileHistogram().register(meters)));
        }
    }

    private static DocketException notFound(CommandMessage<?> command) {
        String commandPackage = command.getPayloadType().getPackageName();
        if (commandPackage.endsWith(".user")) {
            return new DocketException(ErrorCode.USER_NOT_FOUND, "No user with this id.");
        }
        if (commandPackage.endsWith(".sla")) {
            return new DocketException(ErrorCode.CALENDAR_NOT_FOUND, "No business calendar with this id.");
        }
        return new DocketException(ErrorCode.TICKET_NOT_FOUND, "No ticket with this id.");
    }
}
