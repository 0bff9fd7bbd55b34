package dev.docket.mcp;

import dev.docket.testing.TestIdentity;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MCP server as configured out of the box (no {@code docket.mcp.writes}): what it lists to each role, who it
 * says the caller is, and what it answers without a valid token. None of this calls the APIs; the tools that do are
 * tested against the running services (end-to-end {@code McpIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpServerTest {

    private static final List<String> READS = List.of("whoami", "search_tickets", "count_tickets", "get_ticket",
            "get_ticket_history", "diff_ticket", "find_people");

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("docket.auth.local-public-key", () -> TestIdentity.keys().tokenPublicKeyBase64());
    }

    @Test
    void outOfTheBoxOnlyReadsAreListedAndEachRoleSeesItsOwn() {
        assertThat(toolNames("agent")).containsExactlyElementsOf(READS);
        assertThat(toolNames("requester")).containsExactly("whoami", "search_tickets", "count_tickets",
                "get_ticket", "get_ticket_history", "diff_ticket");
        assertThat(toolNames("auditor")).containsExactly("whoami", "get_ticket", "get_ticket_history",
                "diff_ticket");
    }

    @Test
    void readToolsSayTheyOnlyRead() {
        try (McpSyncClient client = client("agent")) {
            client.initialize();
            for (McpSchema.Tool tool : client.listTools().tools()) {
                assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
                assertThat(tool.annotations().destructiveHint()).as(tool.name()).isFalse();
                assertThat(tool.inputSchema().get("additionalProperties")).as(tool.name()).isEqualTo(false);
                assertThat(tool.description()).as(tool.name()).isNotBlank();
            }
        }
    }

    @Test
    void whoamiNamesTheTokensSubjectRolesAndTools() {
        try (McpSyncClient client = client("requester")) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
            assertThat(result.isError()).isFalse();
            JsonNode answer = json.valueToTree(result.structuredContent());
            assertThat(answer.path("subject").asString()).isEqualTo("mcp-test-requester");
            assertThat(answer.path("roles").get(0).asString()).isEqualTo("requester");
            assertThat(answer.path("writesEnabled").asBoolean()).isFalse();
            assertThat(answer.path("tools").size()).isEqualTo(6);
            // the same answer as text, for clients that show only text
            assertThat(json.readTree(((McpSchema.TextContent) result.content().getFirst()).text())).isEqualTo(answer);
        }
    }

    @Test
    void aChangingToolIsRefusedWhenWritesAreOffEvenIfCalledByName() {
        try (McpSyncClient client = client("agent")) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("add_internal_note",
                    Map.of("ticketId", "01a20da2-dced-73fc-a72a-d2b41251a1b4", "expectedVersion", 1, "body", "x",
                            "idempotencyKey", "k1")));
            assertThat(result.isError()).isTrue();
            JsonNode error = json.valueToTree(result.structuredContent()).path("error");
            assertThat(error.path("code").asString()).isEqualTo("FORBIDDEN");
            assertThat(error.path("detail").asString()).contains("switched off");
        }
    }

    @Test
    void withoutAValidTokenNothingIsAnsweredAndTheChallengeNamesTheMetadata() throws Exception {
        HttpResponse<String> refused = post(null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer")
                .contains("resource_metadata=\"http://localhost:" + port + "/.well-known/oauth-protected-resource");
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(refused.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");

        String token = TestIdentity.tokens().mint("x", List.of("agent"), java.time.Duration.ofMinutes(5));
        int signature = token.lastIndexOf('.') + 1;
        // a different first character of the signature (the last one may hold only padding bits)
        String forgedToken = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);
        HttpResponse<String> forged = post("Bearer " + forgedToken);
        assertThat(forged.statusCode()).isEqualTo(401);

        assertThatThrownBy(() -> {
            try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                    .builder("http://localhost:" + port).build()).build()) {
                client.initialize();
            }
        }).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theProtectedResourceMetadataIsPublic() throws Exception {
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/.well-known/oauth-protected-resource")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(metadata.body());
        assertThat(document.path("resource").asString()).isEqualTo("http://localhost:" + port);
        assertThat(document.path("bearer_methods_supported").get(0).asString()).isEqualTo("header");
    }

    private List<String> toolNames(String role) {
        try (McpSyncClient client = client(role)) {
            client.initialize();
            return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        }
    }

    private McpSyncClient client(String role) {
        String token = TestIdentity.tokens().mint("mcp-test-" + role, List.of(role), java.time.Duration.ofMinutes(10));
        return McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build()).build();
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":1,"method":"tools/list"}"""));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
