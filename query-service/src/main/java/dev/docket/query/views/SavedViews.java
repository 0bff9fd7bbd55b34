package dev.docket.query.views;

import dev.docket.events.ErrorCode;
import dev.docket.support.errors.DocketException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code saved_view} table: each person's views, never another's. */
@Repository
class SavedViews {

    /** How many views one person may keep: a side bar's worth, each counted on every refresh. */
    static final int MAX_PER_PERSON = 50;
    /** The advisory-lock namespace that serializes one person's saves ("DKSV"), so the limit holds. */
    private static final int LOCK_NAMESPACE = 0x444B5356;

    private static final RowMapper<SavedView> ROW = (rs, n) -> new SavedView(rs.getObject("id", UUID.class),
            rs.getString("name"), rs.getString("filter"), rs.getString("sort"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    SavedViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A saved view as the API answers it. */
    record SavedView(UUID id, String name, String filter, @Nullable String sort, Instant createdAt,
                     Instant updatedAt) {
    }

    @Transactional(readOnly = true)
    public List<SavedView> of(String owner) {
        return jdbc.sql("SELECT * FROM saved_view WHERE owner = ? ORDER BY lower(name), name").param(owner)
                .query(ROW).list();
    }

    @Transactional(readOnly = true)
    public Optional<SavedView> find(String owner, UUID id) {
        return jdbc.sql("SELECT * FROM saved_view WHERE owner = ? AND id = ?").params(owner, id).query(ROW)
                .optional();
    }

    @Transactional
    public SavedView add(String owner, String name, String filter, @Nullable String sort) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))").params(LOCK_NAMESPACE, owner).query(Object.class)
                .single();
        long kept = jdbc.sql("SELECT count(*) FROM saved_view WHERE owner = ?").param(owner).query(Long.class)
                .single();
        if (kept >= MAX_PER_PERSON) {
            throw new DocketException(ErrorCode.TOO_MANY_VIEWS, "You keep " + kept + " saved views, as many as a "
                    + "person may: remove one first.").with("limit", MAX_PER_PERSON);
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        named(name, () -> jdbc.sql("""
                        INSERT INTO saved_view (id, owner, name, filter, sort, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, owner, name, filter, sort, now, now).update());
        return find(owner, id).orElseThrow();
    }

    @Transactional
    public Optional<SavedView> replace(String owner, UUID id, String name, String filter, @Nullable String sort) {
        int changed = named(name, () -> jdbc.sql("""
                        UPDATE saved_view SET name = ?, filter = ?, sort = ?, updated_at = ?
                        WHERE owner = ? AND id = ?""")
                .params(name, filter, sort, Timestamp.from(Instant.now()), owner, id).update());
        return changed == 0 ? Optional.empty() : find(owner, id);
    }

    @Transactional
    public boolean remove(String owner, UUID id) {
        return jdbc.sql("DELETE FROM saved_view WHERE owner = ? AND id = ?").params(owner, id).update() > 0;
    }

    /** Runs a write that names a view; a name the owner uses already is refused in words. */
    private static int named(String name, java.util.function.IntSupplier write) {
        try {
            return write.getAsInt();
        } catch (DuplicateKeyException e) {
            throw new DocketException(ErrorCode.VIEW_NAME_TAKEN, "You have a view named \"" + name + "\" already.");
        }
    }
}
