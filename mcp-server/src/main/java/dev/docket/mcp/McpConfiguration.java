package dev.docket.mcp;

import dev.docket.mcp.api.DocketApi;
import dev.docket.mcp.tools.TicketTools;
import dev.docket.mcp.tools.WriteSwitch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

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
}
