package dev.docket.mcp;

import dev.docket.mcp.api.DocketApi;
import dev.docket.mcp.tools.Caller;
import dev.docket.mcp.tools.TicketTools;
import dev.docket.mcp.tools.WriteSwitch;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./docket mcp}: the MCP server for one desktop client on standard input and output, acting as the holder of
 * {@code DOCKET_TOKEN}. It calls the APIs with that token, which check it on every call as they check any; the
 * token's roles are read here only to choose the tools listed. Standard output carries the protocol alone: logs go to
 * standard error. It ends when the client closes its input.
 */
final class StdioServer {

    private StdioServer() {
    }

    static int run(Map<String, String> environment) throws InterruptedException {
        // before any logger exists: the protocol owns standard output
        System.setProperty("logback.configurationFile", "logback-stdio.xml");
        String token = environment.getOrDefault("DOCKET_TOKEN", "").strip();
        if (token.isEmpty()) {
            System.err.println("Docket MCP: set DOCKET_TOKEN to the bearer token this client acts with "
                    + "(locally: ./docket token --user <subject> --role agent).");
            return 2;
        }
        JsonMapper json = JsonMapper.builder().build();
        Caller caller;
        try {
            caller = caller(token, environment.getOrDefault("DOCKET_AUTH_ROLES_CLAIM", "roles"), json);
        } catch (IllegalArgumentException e) {
            System.err.println("Docket MCP: DOCKET_TOKEN is not a JSON Web Token (" + e.getMessage() + ").");
            return 2;
        }
        DocketApi api = new DocketApi(environment.getOrDefault("DOCKET_COMMAND_BASE_URL", "http://localhost:8081"),
                environment.getOrDefault("DOCKET_QUERY_BASE_URL", "http://localhost:8082"), RestClient.builder(), json);
        TicketTools tools;
        try {
            tools = new TicketTools(api, json, WriteSwitch.parse(environment.getOrDefault("DOCKET_MCP_WRITES",
                    "none")));
        } catch (IllegalArgumentException e) {
            System.err.println("Docket MCP: " + e.getMessage());
            return 2;
        }
        CountDownLatch inputClosed = new CountDownLatch(1);
        InputStream input = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read < 0) {
                    inputClosed.countDown();
                }
                return read;
            }
        };
        OutputStream output = System.out;
        McpSyncServer server = new DocketMcp(tools, json).stdio(new StdioServerTransportProvider(
                new JacksonMcpJsonMapper(json), input, output), caller, McpServerApplication.version());
        inputClosed.await();
        server.closeGracefully();
        return 0;
    }

    /**
     * The token's subject and Docket roles, read without verifying it: the APIs verify it on every call, and what
     * is read here only picks the tools to list.
     */
    static Caller caller(String token, String rolesClaim, JsonMapper json) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("it has " + parts.length + " parts, not 3");
        }
        JsonNode claims;
        try {
            claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its claims cannot be read");
        }
        JsonNode value = claims;
        for (String step : rolesClaim.split("\\.")) {
            value = value.path(step);
        }
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        Iterable<String> names = value.isString() ? java.util.List.of(value.asString().split(" "))
                : value.valueStream().filter(JsonNode::isString).map(JsonNode::asString).toList();
        for (String name : names) {
            for (Caller.Role role : Caller.Role.values()) {
                if (role.claimValue().equals(name)) {
                    roles.add(role);
                }
            }
        }
        return new Caller(token, claims.path("sub").asString(""), roles);
    }
}
