package dev.docket.command.app;

import dev.docket.events.MetadataKeys;
import dev.docket.support.security.Caller;
import dev.docket.support.web.CorrelationIdFilter;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Who and why, attached to every command once, where it is sent: the actor is the authenticated caller (the bearer
 * token's subject, never anything a request says), the correlation id the request's, and the W3C trace context the
 * current one. A command sent with an actor already in its metadata (by a job acting for the system) keeps it.
 * {@code EventOriginProvider} carries all of it on to the events the command causes.
 */
@Component
class CommandProvenance implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Looked up once: resolving the provider per command was 3% of a command's CPU. */
    private final Tracer tracer;

    CommandProvenance(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.getMetaData().containsKey(MetadataKeys.ACTOR) ? command
                : command.andMetaData(provenance());
    }

    private MetaData provenance() {
        Map<String, String> metaData = traceContext();
        metaData.put(MetadataKeys.ACTOR, Caller.current().subject());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String correlationId = CorrelationIdFilter.currentId(request.getRequest());
            if (correlationId != null) {
                metaData.put(MetadataKeys.CORRELATION_ID, correlationId);
            }
            String traceState = request.getRequest().getHeader(MetadataKeys.TRACESTATE);
            if (traceState != null && metaData.containsKey(MetadataKeys.TRACEPARENT)) {
                // vendors' entries from upstream, passed on unchanged as W3C asks of a participant that adds none
                metaData.put(MetadataKeys.TRACESTATE, traceState);
            }
        }
        return MetaData.from(metaData);
    }

    /**
     * The current W3C {@code traceparent}, so the events carry the trace onwards. Written here from the trace and span
     * ids rather than through the tracer's propagator, which also assembles baggage and cost 6% of a command's CPU
     * for the same 55 characters. Docket's spans add no {@code tracestate}; an upstream one is passed on as it came.
     */
    private Map<String, String> traceContext() {
        Map<String, String> carrier = new HashMap<>();
        TraceContext context = tracer.currentTraceContext().context();
        if (context != null) {
            carrier.put(MetadataKeys.TRACEPARENT, "00-" + context.traceId() + "-" + context.spanId() + "-"
                    + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
        }
        return carrier;
    }
}
