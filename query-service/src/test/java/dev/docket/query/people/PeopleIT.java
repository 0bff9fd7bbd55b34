package dev.docket.query.people;

import dev.docket.events.Role;
import dev.docket.events.UserDeactivated;
import dev.docket.events.UserId;
import dev.docket.events.UserRegistered;
import dev.docket.query.QueryServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The people agents pick from: by role and by part of a name or email, deactivated ones only when asked for. */
class PeopleIT extends QueryServiceTestBase {

    private static final AtomicLong POSITION = new AtomicLong(8_000_000);

    private final String word = "zebu" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void peopleAreFoundByRoleAndNameAndTheDeactivatedOnlyWhenAskedFor() throws Exception {
        UserId ana = register("Ana " + word, Role.AGENT);
        UserId bo = register("Bo " + word, Role.AGENT);
        UserId rita = register("Rita " + word, Role.REQUESTER);
        events.send(new UserDeactivated(bo, "left"), 2, POSITION.incrementAndGet(), Instant.now(), "tester");
        awaitVersion(bo.value(), 2);

        assertThat(names("/api/people?role=agent&q=" + word)).containsExactly("Ana " + word);
        assertThat(names("/api/people?role=agent&inactive=true&q=" + word)).containsExactly("Ana " + word, "Bo " + word);
        assertThat(names("/api/people?q=" + word.toUpperCase())).containsExactly("Ana " + word, "Rita " + word);
        assertThat(names("/api/people?role=requester&q=" + word)).containsExactly("Rita " + word);
        // by email too, and a wildcard in the search is taken literally
        assertThat(names("/api/people?q=" + rita.value() + "@example")).containsExactly("Rita " + word);
        assertThat(names("/api/people?q=%25" + word)).isEmpty();
        JsonNode first = getJson("/api/people?role=agent&q=" + word).get("items").get(0);
        assertThat(first.get("id").asString()).isEqualTo(ana.toString());
        assertThat(first.get("active").asBoolean()).isTrue();
    }

    @Test
    void aBadRoleOrLimitIsRefusedAndRequestersMayNotList() throws Exception {
        HttpResponse<String> role = get("/api/people?role=boss");
        assertThat(role.statusCode()).isEqualTo(400);
        assertThat(json.readTree(role.body()).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(get("/api/people?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/people?q=" + "x".repeat(201)).statusCode()).isEqualTo(400);
        assertThat(getAs(TestIdentity.bearer(UUID.randomUUID().toString(), "requester"), "/api/people").statusCode())
                .isEqualTo(403);
    }

    private UserId register(String name, Role role) throws Exception {
        UserId id = new UserId(UUID.randomUUID());
        events.send(new UserRegistered(id, id.value() + "@example.com", name, role), 1, POSITION.incrementAndGet(),
                Instant.now(), "tester");
        awaitVersion(id.value(), 1);
        return id;
    }

    private List<String> names(String path) throws Exception {
        List<String> names = new ArrayList<>();
        getJson(path).get("items").forEach(person -> names.add(person.get("displayName").asString()));
        return names;
    }
}
