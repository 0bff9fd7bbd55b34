package dev.docket.mcp;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import dev.docket.mcp.tools.Caller;
import dev.docket.mcp.tools.TicketTools;
import dev.docket.support.security.DocketAuthorities;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.ParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./docket mcp}: the MCP server for one desktop client on standard input and output, acting as the holder of
 * {@code DOCKET_TOKEN}. It calls the APIs with that token, which check it on every call as they check any; the
 * token's roles are read here only to choose the tools listed. Standard output carries the protocol alone: the
 * {@value #PROFILE} profile sends logs to standard error. It ends when the client closes its input.
 */
@Component
@Profile(StdioServer.PROFILE)
final class StdioServer implements ApplicationRunner, ExitCodeGenerator {

    static final String PROFILE = "stdio";

    private final TicketTools tools;
    private final JsonMapper json;
    private final String token;
    private final String rolesClaim;
    private int exitCode;

    StdioServer(TicketTools tools, JsonMapper json, @Value("${DOCKET_TOKEN:}") String token,
                @Value("${docket.auth.roles-claim:roles}") String rolesClaim) {
        this.tools = tools;
        this.json = json;
        this.token = token.strip();
        this.rolesClaim = rolesClaim;
    }

    @Override
    public void run(ApplicationArguments arguments) throws InterruptedException {
        if (token.isEmpty()) {
            refuse("set DOCKET_TOKEN to the bearer token this client acts with "
                    + "(locally: ./docket token --user <subject> --role agent).");
            return;
        }
        Caller caller;
        try {
            caller = caller(token, rolesClaim);
        } catch (IllegalArgumentException e) {
            refuse("DOCKET_TOKEN is not a JSON Web Token (" + e.getMessage() + ").");
            return;
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
        McpSyncServer server = new DocketMcp(tools, json).stdio(new StdioServerTransportProvider(
                new JacksonMcpJsonMapper(json), input, System.out), caller, McpServerApplication.version());
        inputClosed.await();
        server.closeGracefully();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private void refuse(String why) {
        System.err.println("Docket MCP: " + why);
        exitCode = 2;
    }

    /**
     * The token's subject and Docket roles, read as the web server reads them ({@link DocketAuthorities}) but
     * without verifying the token: the APIs verify it on every call, and what is read here only picks the tools to
     * list.
     */
    static Caller caller(String token, String rolesClaim) {
        JWT parsed;
        Map<String, Object> claims;
        try {
            parsed = JWTParser.parse(token);
            // its times as Spring's Jwt holds them
            claims = new HashMap<>(parsed.getJWTClaimsSet().getClaims());
            claims.replaceAll((name, value) -> value instanceof Date date ? date.toInstant() : value);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Jwt jwt = Jwt.withTokenValue(token).headers(headers -> headers.putAll(parsed.getHeader().toJSONObject()))
                .claims(all -> all.putAll(claims)).build();
        return McpConfiguration.caller(new DocketAuthorities(rolesClaim).convert(jwt));
    }
}
