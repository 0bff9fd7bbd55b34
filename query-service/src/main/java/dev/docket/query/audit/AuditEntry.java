package dev.docket.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One event in the audit history.
 *
 * @param subjectType {@code ticket} or {@code user}
 * @param version     the subject's version after the event
 * @param type        the event type, as on the Kafka topic
 * @param actor       who caused it (the authenticated caller)
 * @param changes     what changed: {@code {"status": {"from": "open", "to": "in_progress"}, "reason": "..."}}
 */
public record AuditEntry(String eventId, UUID subjectId,
                         @Schema(allowableValues = {"ticket", "user", "calendar", "sla_policies"}) String subjectType,
                         long version, String type,
                         Instant occurredAt, @Nullable String actor, @Nullable String correlationId,
                         @Nullable String causationId, long position,
                         JsonNode changes) {
}
