package dev.docket.command.app;

import dev.docket.events.ErrorCode;
import dev.docket.events.MetadataKeys;
import dev.docket.support.errors.Causes;
import dev.docket.support.errors.DocketException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sends commands through Axon with who and why attached as metadata. The caller's transaction, when there is one,
 * is the command's: Axon's unit of work joins it, so everything written before the command commits with its events.
 */
@Component
class CommandDispatcher {

    private final CommandGateway gateway;
    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    CommandDispatcher(CommandGateway gateway, ObjectProvider<MeterRegistry> meters, ObjectProvider<Tracer> tracer,
                      ObjectProvider<Propagator> propagator) {
        this.gateway = gateway;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * @param notFound the refusal when the command's aggregate does not exist
     */
    <R> R send(Object command, CommandOrigin origin, ErrorCode notFound) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            R result = dispatch(command, origin, notFound);
            outcome = "accepted";
            return result;
        } catch (RuntimeException e) {
            outcome = refusalCode(e);
            throw e;
        } finally {
            // How long the ticket (or person) took to decide, per command type and outcome: accepted, a refusal's
            // code, or error. The commit follows in the caller's transaction; http.server.requests includes it.
            sample.stop(Timer.builder("docket.commands").tag("command", command.getClass().getSimpleName())
                    .tag("outcome", outcome).publishPercentileHistogram().register(meters));
        }
    }

    /** The current W3C trace context ({@code traceparent}, {@code tracestate}), so the events carry it onwards. */
    private Map<String, String> traceContext() {
        Tracer current = tracer.getIfAvailable();
        Propagator w3c = propagator.getIfAvailable();
        TraceContext context = current == null ? null : current.currentTraceContext().context();
        if (w3c == null || context == null) {
            return Map.of();
        }
        Map<String, String> carrier = new HashMap<>();
        w3c.inject(context, carrier, Map::put);
        carrier.keySet().retainAll(Set.of(MetadataKeys.TRACEPARENT, MetadataKeys.TRACESTATE));
        return carrier;
    }

    /** The code of the refusal inside {@code e} (Axon wraps what handlers throw), or {@code error}. */
    private static String refusalCode(Throwable e) {
        DocketException refusal = Causes.find(e, DocketException.class);
        return refusal == null ? "error" : refusal.code().name();
    }

    private <R> R dispatch(Object command, CommandOrigin origin, ErrorCode notFound) {
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR, origin.actor())
                .and(MetadataKeys.CORRELATION_ID, origin.correlationId())
                .mergedWith(traceContext());
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (RuntimeException e) {
            // No events under this id, or the events of another kind of aggregate (a user's id sent to a ticket
            // command): Axon refuses to load either before any handler runs, so nothing was appended.
            if (Causes.any(e, t -> t instanceof AggregateNotFoundException || t instanceof IncompatibleAggregateException)) {
                throw new DocketException(notFound, notFound == ErrorCode.USER_NOT_FOUND
                        ? "No user with this id." : "No ticket with this id.");
            }
            throw e;
        }
    }
}
