package dev.docket.testing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The matrix itself: complete rows, and a coverage check that notices what is missing on either side. */
class AuthorizationMatrixTest {

    @Test
    void everyRowNamesAnAnswerForEveryCaller() {
        for (String service : List.of("command", "query")) {
            List<AuthorizationMatrix.Row> rows = AuthorizationMatrix.rows(service);
            assertThat(rows).hasSizeGreaterThan(10);
            for (AuthorizationMatrix.Row row : rows) {
                assertThat(row.expected().keySet()).containsExactlyElementsOf(AuthorizationMatrix.CALLERS);
                assertThat(row.expected().values()).allMatch(v -> Set.of("allow", "401", "403").contains(v));
                assertThat(row.expected().get("anonymous")).as(row.endpoint())
                        .isEqualTo(AuthorizationMatrix.PUBLIC_PREFIXES.stream().anyMatch(row.path()::startsWith)
                                ? "allow" : "401");
            }
        }
    }

    @Test
    void coverageNamesUnlistedEndpointsAndRowsWithoutAnEndpoint() {
        List<AuthorizationMatrix.Row> rows = AuthorizationMatrix.rows("query");
        Set<String> mapped = new java.util.TreeSet<>();
        rows.stream().map(AuthorizationMatrix.Row::endpoint).filter(e -> !e.contains("/actuator/")).forEach(mapped::add);
        assertThat(AuthorizationMatrix.coverageGaps(rows, mapped)).isEmpty();

        mapped.add("GET /api/secret/{}");
        mapped.remove("GET /api/audit");
        assertThat(AuthorizationMatrix.coverageGaps(rows, mapped)).containsExactlyInAnyOrder(
                "not in the authorization matrix: GET /api/secret/{}", "in the matrix but not mapped: GET /api/audit");
    }
}
