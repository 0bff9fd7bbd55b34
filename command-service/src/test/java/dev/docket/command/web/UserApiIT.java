package dev.docket.command.web;

import dev.docket.command.CommandServiceTestBase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering, renaming and deactivating people over HTTP. */
class UserApiIT extends CommandServiceTestBase {

    @Test
    void registersAPersonWithANormalisedEmailAndRecordsTheEvent() throws Exception {
        String email = "Ana." + UUID.randomUUID() + "@Example.com";
        HttpResponse<String> response = postJson("/api/users",
                "{\"email\":\" " + email + " \",\"displayName\":\"Ana\",\"role\":\"agent\"}", "Authorization", TestIdentity.bearer("admin-1", "admin"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode answer = json(response);
        assertThat(answer.get("version").asLong()).isEqualTo(1);
        String[] row = directoryRow(answer.get("id").asString());
        assertThat(row).containsExactly(email.toLowerCase(), "Ana", "agent", "t");
    }

    @Test
    void anEmailTakenInAnyCaseAnswers409AndRegistersNobody() throws Exception {
        String email = "bo." + UUID.randomUUID() + "@example.com";
        assertThat(postJson("/api/users", "{\"email\":\"" + email + "\",\"displayName\":\"Bo\",\"role\":\"requester\"}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> again = postJson("/api/users",
                "{\"email\":\"" + email.toUpperCase() + "\",\"displayName\":\"Bo 2\",\"role\":\"agent\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asString()).isEqualTo("EMAIL_TAKEN");
        assertThat(count("SELECT count(*) FROM user_directory WHERE email = ?", email)).isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsOfOneEmailRegisterExactlyOnePerson() throws Exception {
        String email = "race." + UUID.randomUUID() + "@example.com";
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> postJson("/api/users", "{\"email\":\"" + email
                    + "\",\"displayName\":\"Racer\",\"role\":\"requester\"}").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
        List<String> registrations = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type LIKE '%UserRegistered'")) {
            while (rs.next()) {
                registrations.add(rs.getString(1));
            }
        }
        List<String> withTheEmail = new ArrayList<>();
        for (String person : registrations) {
            if (eventsOf(person).getFirst()[1].contains(email)) {
                withTheEmail.add(person);
            }
        }
        assertThat(withTheEmail).hasSize(1);
    }

    @Test
    void renamesAndDeactivatesAndTheDirectoryFollows() throws Exception {
        String id = registerUser("agent");
        HttpResponse<String> renamed = send("PUT", "/api/users/" + id + "/display-name", "{\"displayName\":\"Cy\"}",
                "If-Match", "\"1\"");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(json(renamed).get("version").asLong()).isEqualTo(2);
        HttpResponse<String> deactivated = send("POST", "/api/users/" + id + "/deactivate", "{\"reason\":\"Left\"}");
        assertThat(json(deactivated).get("version").asLong()).isEqualTo(3);

        String[] row = directoryRow(id);
        assertThat(row[1]).isEqualTo("Cy");
        assertThat(row[3]).isEqualTo("f");

        HttpResponse<String> twice = send("POST", "/api/users/" + id + "/deactivate", null);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("code").asString()).isEqualTo("USER_DEACTIVATED");
    }

    @Test
    void invalidRegistrationsAnswer400() throws Exception {
        for (String body : List.of("{\"email\":\"nope\",\"displayName\":\"X\",\"role\":\"agent\"}",
                "{\"email\":\"x@example.com\",\"displayName\":\"X\",\"role\":\"boss\"}",
                "{\"email\":\"x@example.com\",\"role\":\"agent\"}")) {
            HttpResponse<String> response = postJson("/api/users", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void changesToAMissingUserAnswer404() throws Exception {
        HttpResponse<String> response = send("PUT", "/api/users/" + UUID.randomUUID() + "/display-name",
                "{\"displayName\":\"Ghost\"}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asString()).isEqualTo("USER_NOT_FOUND");
    }

    private String[] directoryRow(String id) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT email, display_name, role, active FROM user_directory WHERE user_id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
            }
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
