package dev.docket.command;

import dev.docket.command.privacy.PersonalTexts;
import dev.docket.support.security.AccessRole;
import dev.docket.support.security.Caller;
import dev.docket.testing.DocketServiceTest;
import dev.docket.testing.PostgresDatabase;
import dev.docket.testing.TestIdentity;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The whole command service on real PostgreSQL and Kafka, with its own database and topic. */
@DocketServiceTest
public abstract class CommandServiceTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected PostgresDatabase database;

    /** Opens stored payloads' personal fields, as the service does when it reads them. */
    @Autowired
    protected PersonalTexts personalTexts;

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> postJson(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorize(request, headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        authorize(request, headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The given headers, and the default caller's token unless they carry one. */
    protected static void authorize(HttpRequest.Builder request, String... headers) {
        boolean ownToken = false;
        for (int i = 0; i < headers.length; i += 2) {
            ownToken |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (!ownToken) {
            request.header("Authorization", TestIdentity.admin());
        }
    }

    /** A request to {@code uri} as the default caller, an admin. */
    protected static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", TestIdentity.admin());
    }

    /** Headers that make the request {@code subject}'s, with {@code roles}. */
    protected static String[] as(String subject, String... roles) {
        return new String[]{"Authorization", TestIdentity.bearer(subject, roles)};
    }

    /**
     * Makes {@code subject} the caller of what the test does next in this thread, as a bearer token with these
     * roles would: for commands sent in-process, without HTTP.
     */
    protected static Caller actingAs(String subject, AccessRole... roles) {
        Jwt token = Jwt.withTokenValue("in-process").header("alg", "none").subject(subject).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token,
                Arrays.stream(roles).map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList()));
        return Caller.current();
    }

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    /** Registers a person with a unique email and answers their id. */
    protected String registerUser(String role) throws Exception {
        HttpResponse<String> response = postJson("/api/users", "{\"email\":\"" + role + "-" + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"A " + role + "\",\"role\":\"" + role + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("registration failed: " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asString();
    }

    /** Opens a ticket for a new requester and answers its id. */
    protected String openTicket(String title) throws Exception {
        HttpResponse<String> response = postJson("/api/tickets", "{\"title\":\"" + title + "\",\"requesterId\":\""
                + registerUser("requester") + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("opening failed: " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asString();
    }

    /** The single number a query answers, read straight from the service's database. */
    protected long queryLong(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The sequence numbers stored for the ticket, in order. */
    protected List<Long> sequences(String ticket) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            s.setString(1, ticket);
            try (ResultSet rs = s.executeQuery()) {
                List<Long> sequences = new ArrayList<>();
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
                return sequences;
            }
        }
    }

    protected long eventCount() throws Exception {
        return queryLong("SELECT count(*) FROM domain_event_entry");
    }

    /**
     * (simple payload type, payload, metadata) of the aggregate's events in order, their personal fields opened as the
     * service reads them.
     */
    protected List<String[]> eventsOf(String aggregateId) throws Exception {
        return events(aggregateId, true);
    }

    /** As {@link #eventsOf}, with the payloads as stored: personal fields sealed. */
    protected List<String[]> storedEventsOf(String aggregateId) throws Exception {
        return events(aggregateId, false);
    }

    private List<String[]> events(String aggregateId, boolean opened) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT payload_type, payload, convert_from(meta_data, 'UTF8')
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""")) {
            s.setString(1, aggregateId);
            try (ResultSet rs = s.executeQuery()) {
                List<String[]> events = new ArrayList<>();
                while (rs.next()) {
                    String type = rs.getString(1);
                    byte[] payload = opened ? personalTexts.open(type, rs.getBytes(2)) : rs.getBytes(2);
                    events.add(new String[]{type.substring(type.lastIndexOf('.') + 1),
                            new String(payload, StandardCharsets.UTF_8), rs.getString(3)});
                }
                return events;
            }
        }
    }

    /** Attaches a file to the ticket as the caller {@code authorization} names. */
    protected HttpResponse<String> upload(String ticketId, String fileName, String mediaType, byte[] content,
                                        String authorization) throws Exception {
        String boundary = "docket-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/api/tickets/" + ticketId + "/attachments"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The id of the person's data key (a subject that never had personal text sealed has none: the test fails). */
    protected UUID dataKeyOf(String person) throws Exception {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT key_id FROM person_key WHERE person_id = ?")) {
            s.setString(1, person);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no data key for " + person);
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
