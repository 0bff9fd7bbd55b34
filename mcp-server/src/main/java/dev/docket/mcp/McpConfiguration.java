package dev.docket.mcp;

import dev.docket.mcp.api.DocketApi;
import dev.docket.mcp.tools.Caller;
import dev.docket.mcp.tools.TicketTools;
import dev.docket.mcp.tools.WriteSwitch;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.EnumSet;
import java.util.Set;

/** The tools and the API client they call, on Boot's JSON mapper and RestClient, for both transports. */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

    @Bean
    DocketApi docketApi(McpProperties properties, RestClient.Builder builder, JsonMapper json) {
        return new DocketApi(properties.commandBaseUrl(), properties.queryBaseUrl(), builder, json);
    }

    @Bean
    TicketTools ticketTools(DocketApi api, JsonMapper json, McpProperties properties) {
        return new TicketTools(api, json, WriteSwitch.parse(properties.writes()));
    }

    /** The caller a verified token names, with the Docket roles it carries. */
    static @Nullable Caller caller(@Nullable Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return null;
        }
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (GrantedAuthority authority : token.getAuthorities()) {
            for (Caller.Role role : Caller.Role.values()) {
                if (("ROLE_" + role.name()).equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new Caller(token.getToken().getTokenValue(), token.getName(), roles);
    }
}
