package dev.docket.query.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.docket.events.Priority;
import dev.docket.events.TicketStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ticket in a list or search result: the summary without the description; {@code slaDueAt} (for agents) its
 * earliest service-level breach or due time while a clock runs; {@code rank} only for ranked text search.
 */
public record TicketListItem(UUID id, String number, String title,
                             @Schema(implementation = TicketStatus.class) String status,
                             @Schema(implementation = Priority.class) String priority, Person requester,
                             @Nullable Person assignee, List<String> tags, boolean archived, int commentCount,
                             int attachmentCount, Instant createdAt, Instant updatedAt, Instant lastActivityAt,
                             long version,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Instant slaDueAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Float rank) {

    /** The item without its service-level time (requesters do not see service levels). */
    TicketListItem withoutSla() {
        return slaDueAt == null ? this : new TicketListItem(id, number, title, status, priority, requester, assignee,
                tags, archived, commentCount, attachmentCount, createdAt, updatedAt, lastActivityAt, version, null,
                rank);
    }

    /** A person as tickets name them: the id always, the display name once the person is known. */
    public record Person(UUID id, @Nullable String name) {

        static Person of(UUID id, String name) {
            return id == null ? null : new Person(id, name);
        }
    }
}
