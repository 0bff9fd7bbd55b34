package dev.docket.query.ticket;

import dev.docket.query.ingest.ProjectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TicketConfiguration {

    @Bean
    @Order(30)
    ProjectionFactory ticketProjection(JsonMapper json) {
        return sql -> new TicketProjection(sql, json);
    }
}
