package dev.docket.query.summary;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class TicketSummaryQueries {

    private static final String COLUMNS = "id, number, title, description, status, priority, requester_id, "
            + "assignee_id, tags, archived, public_comment_count, internal_note_count, attachment_count, created_at, "
            + "updated_at, version";
    private static final RowMapper<TicketSummary> ROW = (rs, n) -> new TicketSummary(
            rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
            rs.getString("description"), rs.getString("status"), rs.getString("priority"),
            rs.getObject("requester_id", UUID.class), rs.getObject("assignee_id", UUID.class),
            List.of((String[]) rs.getArray("tags").getArray()), rs.getBoolean("archived"),
            rs.getInt("public_comment_count"), rs.getInt("internal_note_count"), rs.getInt("attachment_count"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));

    private final JdbcClient jdbc;

    TicketSummaryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TicketSummary> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_summary WHERE id = ?").param(id).query(ROW).optional();
    }

    /** Newest first; served by the (created_at DESC, id DESC) index. */
    List<TicketSummary> newest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_summary ORDER BY created_at DESC, id DESC LIMIT ?")
                .param(limit).query(ROW).list();
    }
}
