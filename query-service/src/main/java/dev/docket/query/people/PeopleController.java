package dev.docket.query.people;

import dev.docket.events.Role;
import dev.docket.events.privacy.SealedText;
import dev.docket.query.api.QueryParameters;
import dev.docket.query.readmodel.ReadModelGenerations;
import dev.docket.support.errors.DocketException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The people agents pick from: whom to assign a ticket to, whose ticket to open. Erased people are not offered, nor
 * deactivated ones unless asked for. The person table is small beside the tickets (a row per person, not per event),
 * so a name filter reads it whole.
 */
@RestController
@Tag(name = "People")
class PeopleController {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final ReadModelGenerations generations;

    PeopleController(ReadModelGenerations generations) {
        this.generations = generations;
    }

    record Person(UUID id, String displayName, String email, String role, boolean active) {
    }

    record People(List<Person> items) {
    }

    @Operation(summary = "People by role and name (agents and admins)")
    @GetMapping(path = "/api/people", produces = MediaType.APPLICATION_JSON_VALUE)
    People people(@RequestParam(required = false) @Schema(allowableValues = {"requester", "agent", "admin"}) String role,
                  @RequestParam(required = false) @Schema(maxLength = 200,
                          description = "part of the name or email, case-insensitive") String q,
                  @RequestParam(required = false) @Schema(defaultValue = "false") Boolean inactive,
                  @RequestParam(required = false) @Schema(minimum = "1", maximum = "" + MAX_LIMIT,
                          defaultValue = "" + DEFAULT_LIMIT) Integer limit) {
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String wantedRole = null;
        if (role != null && !role.isBlank()) {
            wantedRole = role.strip().toLowerCase(Locale.ROOT);
            if (Arrays.stream(Role.values()).map(Role::wireName).noneMatch(wantedRole::equals)) {
                throw DocketException.invalid("role", "must be requester, agent or admin");
            }
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            throw DocketException.invalid("q", "must be at most 200 characters");
        }
        String pattern = text == null ? null : "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%";
        return new People(generations.active().sql("""
                        SELECT id, display_name, email, role, active FROM {rm}.person
                        WHERE display_name <> ? AND (CAST(? AS text) IS NULL OR role = ?)
                          AND (? OR active)
                          AND (CAST(? AS text) IS NULL OR lower(display_name) LIKE ? OR lower(email) LIKE ?)
                        ORDER BY lower(display_name), id LIMIT ?""")
                .params(SealedText.ERASED, wantedRole, wantedRole, Boolean.TRUE.equals(inactive), pattern, pattern,
                        pattern, pageSize)
                .query((rs, row) -> new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5)))
                .list());
    }
}
