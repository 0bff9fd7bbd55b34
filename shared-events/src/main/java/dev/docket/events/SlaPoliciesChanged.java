package dev.docket.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.docket.events.sla.SlaPolicy;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Objects;

/**
 * The service-level policies were set: the whole ordered list, in force from the event's time on, never for the
 * time before. A ticket is under the first policy whose conditions match it. Who changed them travels in the
 * metadata (actor).
 *
 * @param policies the policies in order, possibly empty (no ticket under any)
 * @param reason   why, possibly empty, never null
 */
@EventType(name = "dev.docket.sla.policies-changed", version = 1)
@Revision("1")
public record SlaPoliciesChanged(
        @JsonProperty("bookId") PolicyBookId bookId,
        @JsonProperty("policies") List<SlaPolicy> policies,
        @JsonProperty("reason") String reason) implements SlaPolicyEvent {

    public SlaPoliciesChanged {
        Objects.requireNonNull(bookId, "bookId");
        policies = policies == null ? List.of() : List.copyOf(policies);
        reason = reason == null ? "" : reason;
    }
}
