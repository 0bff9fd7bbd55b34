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

    /** Before the ticket projection: it compares an edit's texts with the ticket row from before the batch. */
    @Bean
    @Order(25)
    ProjectionFactory ticketHistoryProjection() {
        return TicketHistoryProjection::new;
    }
}
