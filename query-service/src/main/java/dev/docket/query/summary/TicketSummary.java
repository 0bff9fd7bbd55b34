package dev.docket.query.summary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket as the query API shows it. */
public record TicketSummary(UUID id, String number, String title, String description, String status,
                            String priority, UUID requesterId, UUID assigneeId, List<String> tags, boolean archived,
                            int publicCommentCount, int internalNoteCount, int attachmentCount, Instant createdAt,
                            Instant updatedAt, long version) {
}
