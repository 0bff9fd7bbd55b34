package dev.docket.mcp;

import dev.docket.mcp.tools.Caller;
import dev.docket.mcp.tools.TicketTools;
import dev.docket.mcp.tools.ToolCalls;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * MCP over Streamable HTTP at {@code /mcp}, stateless: every request carries its bearer token, which the security
 * chain (as the APIs') has verified before the request reaches the transport; the caller it names is put in the
 * request's MCP context, and each tool calls the APIs with that same token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class McpHttpConfiguration {

    static final String ENDPOINT = "/mcp";

    @Bean
    HttpServletStatelessServerTransport mcpTransport(JsonMapper json) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(json))
                .messageEndpoint(ENDPOINT)
                .contextExtractor(request -> {
                    Caller caller = McpConfiguration.caller(SecurityContextHolder.getContext().getAuthentication());
                    return caller == null ? McpTransportContext.EMPTY
                            : McpTransportContext.create(Map.of(ToolCalls.CALLER, caller));
                })
                .build();
    }

    @Bean(destroyMethod = "close")
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, TicketTools tools,
                                     JsonMapper json) {
        return new DocketMcp(tools, json).http(transport, McpServerApplication.version());
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> registration =
                new ServletRegistrationBean<>(transport, ENDPOINT);
        registration.setName("mcp");
        return registration;
    }
}
