package dev.docket.query.ingest;

import dev.docket.events.EventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Continues the trace of the request that caused an event: applying a record runs in a consumer span whose parent
 * is the record's {@code traceparent} header, so the projector's log lines carry the request's trace id and a
 * tracing backend shows the command and its projection as one trace. Without tracing on the classpath, or without
 * the header, the work simply runs.
 */
@Component
public class EventTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    /** Runs {@code work} in the span of {@code record}. */
    <T> T inSpanOf(ConsumerRecord<String, byte[]> record, Supplier<T> work) {
        if (tracer == null || propagator == null || record.headers().lastHeader(EventHeaders.TRACEPARENT) == null) {
            return work.get();
        }
        Span span = propagator.extract(record, (carrier, key) -> {
                    Header header = carrier.headers().lastHeader(key);
                    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                })
                .name("docket.project")
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
