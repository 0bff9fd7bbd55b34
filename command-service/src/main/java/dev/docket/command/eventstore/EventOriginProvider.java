package dev.docket.command.eventstore;

import dev.docket.events.MetadataKeys;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts who and why on every event a command causes: the command's actor and correlation id are copied, and the
 * command's own message id becomes the event's causation id, and the request's W3C trace context travels along. Replaces Axon's default origin provider, whose
 * {@code traceId} would say the same less plainly.
 */
final class EventOriginProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        if (actor != null) {
            data.put(MetadataKeys.ACTOR, actor);
        }
        Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
        data.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        for (String key : new String[] {MetadataKeys.TRACEPARENT, MetadataKeys.TRACESTATE}) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
